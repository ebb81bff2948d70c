package io.statecast.model.engine;

import io.statecast.model.cell.Activation;
import io.statecast.schemas.CellType;

/**
 * Gate math of one row of one layer, fused in plain Java so C2 vectorises it: reads the row's
 * projections (without biases), adds the biases, applies the cell and writes the new state in
 * place. {@code px} = x·W_ih; {@code ph} = h·W_hh for GRU, which needs the two apart; RNN and
 * LSTM receive their sum in {@code px} and ignore {@code ph}.
 */
abstract class GateKernel {

    final int hidden;

    GateKernel(int hidden) {
        this.hidden = hidden;
    }

    /** Whether the kernel needs x·W_ih and h·W_hh apart (GRU). */
    abstract boolean separateProjections();

    /**
     * Updates one row's state.
     *
     * @param h hidden states, row at {@code off}, updated in place
     * @param c LSTM memory cells, row at {@code off} (unused otherwise)
     */
    abstract void apply(float[] px, float[] ph, float[] h, float[] c, int off);

    static GateKernel create(CellType type, Activation activation, int hidden, float[] bIh,
            float[] bHh) {
        switch (type) {
            case RNN:
                return new RnnKernel(hidden, activation, sum(bIh, bHh));
            case LSTM:
                return new LstmKernel(hidden, sum(bIh, bHh));
            case GRU:
                return new GruKernel(hidden, bIh, bHh);
            default:
                throw new IllegalArgumentException("unsupported cell type " + type);
        }
    }

    private static float[] sum(float[] a, float[] b) {
        float[] s = new float[a.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }

    /** h' = act(pre + b). */
    static final class RnnKernel extends GateKernel {
        private final boolean relu;
        private final float[] bias;

        RnnKernel(int hidden, Activation activation, float[] bias) {
            super(hidden);
            this.relu = activation == Activation.RELU;
            this.bias = bias;
        }

        @Override
        boolean separateProjections() {
            return false;
        }

        @Override
        void apply(float[] px, float[] ph, float[] h, float[] c, int off) {
            if (relu) {
                for (int j = 0; j < hidden; j++) {
                    h[off + j] = Math.max(0f, px[j] + bias[j]);
                }
            } else {
                for (int j = 0; j < hidden; j++) {
                    h[off + j] = FastActivations.tanh(px[j] + bias[j]);
                }
            }
        }
    }

    /** Gates i, f, g, o; c' = f c + i g; h' = o tanh(c'). */
    static final class LstmKernel extends GateKernel {
        private final float[] bias;

        LstmKernel(int hidden, float[] bias) {
            super(hidden);
            this.bias = bias;
        }

        @Override
        boolean separateProjections() {
            return false;
        }

        @Override
        void apply(float[] px, float[] ph, float[] h, float[] c, int off) {
            final int n = hidden;
            for (int j = 0; j < n; j++) {
                float i = FastActivations.sigmoid(px[j] + bias[j]);
                float f = FastActivations.sigmoid(px[n + j] + bias[n + j]);
                float g = FastActivations.tanh(px[2 * n + j] + bias[2 * n + j]);
                float o = FastActivations.sigmoid(px[3 * n + j] + bias[3 * n + j]);
                float cell = f * c[off + j] + i * g;
                c[off + j] = cell;
                h[off + j] = o * FastActivations.tanh(cell);
            }
        }
    }

    /** PyTorch GRU: r, z, n = tanh(x_n + r (h_n + b_hn)); h' = (1 - z) n + z h. */
    static final class GruKernel extends GateKernel {
        private final float[] bIh;
        private final float[] bHh;

        GruKernel(int hidden, float[] bIh, float[] bHh) {
            super(hidden);
            this.bIh = bIh;
            this.bHh = bHh;
        }

        @Override
        boolean separateProjections() {
            return true;
        }

        @Override
        void apply(float[] px, float[] ph, float[] h, float[] c, int off) {
            final int n = hidden;
            for (int j = 0; j < n; j++) {
                float r = FastActivations.sigmoid(px[j] + bIh[j] + ph[j] + bHh[j]);
                float z = FastActivations.sigmoid(px[n + j] + bIh[n + j] + ph[n + j] + bHh[n + j]);
                float cand = FastActivations.tanh(px[2 * n + j] + bIh[2 * n + j]
                        + r * (ph[2 * n + j] + bHh[2 * n + j]));
                h[off + j] = cand + z * (h[off + j] - cand);
            }
        }
    }
}
