package io.statecast.model.train;

import io.statecast.model.cell.Activation;
import io.statecast.model.engine.FastActivations;
import io.statecast.model.layer.RnnConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gate math of one cell type over a whole batch at step t, forward and backward, fused in
 * plain Java loops over a {@link FusedLayer}'s arrays (the cells' formulas: see the cell package).
 * Forward reads {@code preRow} (x·W_ih + h·W_hh, or x·W_ih with {@code preHRow} = h·W_hh apart for
 * GRU), adds the biases, writes h_{t+1} (and c) and saves what backward needs. Backward reads
 * dL/dh_{t+1} from {@code dh} (and dL/dc from {@code dc}), writes the pre-activation gradients and
 * leaves in {@code dh} the part of dL/dh_t that bypasses W_hh (and dL/dc_t in {@code dc}).
 */
abstract class FusedGates {

    final FusedLayer l;
    final int n;
    final int bh;

    FusedGates(FusedLayer layer) {
        this.l = layer;
        this.n = layer.hidden;
        this.bh = layer.batch * layer.hidden;
    }

    static FusedGates create(RnnConfig config, FusedLayer layer) {
        return switch (config.cell()) {
            case RNN -> new Rnn(layer, config.activation() == Activation.RELU);
            case LSTM -> new Lstm(layer);
            case GRU -> new Gru(layer);
        };
    }

    boolean hasCell() {
        return false;
    }

    boolean separateHidden() {
        return false;
    }

    /** Floats saved per step and row besides the gates: tanh(c) (LSTM), h·W_hn + b_hn (GRU). */
    boolean savesExtra() {
        return hasCell() || separateHidden();
    }

    abstract void loadBiases(INDArray bIh, INDArray bHh);

    /** Where step t's gates start in {@code saved} ([batch, G·H] per step). */
    int gateBase(int t) {
        return t * l.batch * l.width;
    }

    /** Where step t's extra floats start in {@code saved} ([batch, H] per step, after all gates). */
    int extraBase(int t) {
        return l.steps * l.batch * l.width + t * bh;
    }

    abstract void forward(int t);

    abstract void backward(int t);

    static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).data().asFloat();
    }

    static float[] sum(INDArray a, INDArray b) {
        float[] s = floats(a);
        float[] o = floats(b);
        for (int i = 0; i < s.length; i++) {
            s[i] += o[i];
        }
        return s;
    }

    /** h' = act(pre + b); act' from h' itself. */
    static final class Rnn extends FusedGates {
        private final boolean relu;
        private float[] bias;

        Rnn(FusedLayer layer, boolean relu) {
            super(layer);
            this.relu = relu;
        }

        @Override
        void loadBiases(INDArray bIh, INDArray bHh) {
            bias = sum(bIh, bHh);
        }

        @Override
        void forward(int t) {
            float[] pre = l.preRow;
            float[] h = l.h;
            for (int b = 0; b < l.batch; b++) {
                int row = b * n;
                int out = (t + 1) * bh + row;
                if (relu) {
                    for (int j = 0; j < n; j++) {
                        h[out + j] = Math.max(0f, pre[row + j] + bias[j]);
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        h[out + j] = FastActivations.tanh(pre[row + j] + bias[j]);
                    }
                }
            }
        }

        @Override
        void backward(int t) {
            int out = (t + 1) * bh;
            float[] h = l.h;
            float[] dh = l.dh;
            float[] d = l.dPreRow;
            if (relu) {
                for (int i = 0; i < bh; i++) {
                    d[i] = h[out + i] > 0f ? dh[i] : 0f;
                }
            } else {
                for (int i = 0; i < bh; i++) {
                    d[i] = dh[i] * (1f - h[out + i] * h[out + i]);
                }
            }
            java.util.Arrays.fill(dh, 0f);
        }
    }

    /** Gates i, f, g, o: c' = f c + i g, h' = o tanh(c'). */
    static final class Lstm extends FusedGates {
        private float[] bias;

        Lstm(FusedLayer layer) {
            super(layer);
        }

        @Override
        boolean hasCell() {
            return true;
        }

        @Override
        void loadBiases(INDArray bIh, INDArray bHh) {
            bias = sum(bIh, bHh);
        }

        @Override
        void forward(int t) {
            float[] pre = l.preRow;
            float[] s = l.saved;
            int w = 4 * n;
            int gateBase = gateBase(t);
            int tanhBase = extraBase(t);
            // Simple loops over contiguous runs so that C2 vectorises them.
            for (int b = 0; b < l.batch; b++) {
                int row = b * w;
                int g0 = gateBase + row;
                for (int k = 0; k < w; k++) {
                    s[g0 + k] = pre[row + k] + bias[k];
                }
                for (int j = 0; j < 2 * n; j++) {
                    s[g0 + j] = FastActivations.sigmoid(s[g0 + j]);
                }
                for (int j = 2 * n; j < 3 * n; j++) {
                    s[g0 + j] = FastActivations.tanh(s[g0 + j]);
                }
                for (int j = 3 * n; j < w; j++) {
                    s[g0 + j] = FastActivations.sigmoid(s[g0 + j]);
                }
                int prev = t * bh + b * n;
                int next = prev + bh;
                int tc = tanhBase + b * n;
                for (int j = 0; j < n; j++) {
                    float cell = s[g0 + n + j] * l.c[prev + j] + s[g0 + j] * s[g0 + 2 * n + j];
                    l.c[next + j] = cell;
                    s[tc + j] = FastActivations.tanh(cell);
                    l.h[next + j] = s[g0 + 3 * n + j] * s[tc + j];
                }
            }
        }

        @Override
        void backward(int t) {
            float[] s = l.saved;
            float[] d = l.dPreRow;
            int w = 4 * n;
            int gateBase = gateBase(t);
            int tanhBase = extraBase(t);
            for (int b = 0; b < l.batch; b++) {
                int row = b * w;
                int prev = t * bh + b * n;
                for (int j = 0; j < n; j++) {
                    int k = b * n + j;
                    float i = s[gateBase + row + j];
                    float f = s[gateBase + row + n + j];
                    float g = s[gateBase + row + 2 * n + j];
                    float o = s[gateBase + row + 3 * n + j];
                    float tc = s[tanhBase + k];
                    float dh = l.dh[k];
                    float dc = l.dc[k] + dh * o * (1f - tc * tc);
                    d[row + j] = dc * g * i * (1f - i);
                    d[row + n + j] = dc * l.c[prev + j] * f * (1f - f);
                    d[row + 2 * n + j] = dc * i * (1f - g * g);
                    d[row + 3 * n + j] = dh * tc * o * (1f - o);
                    l.dc[k] = dc * f;
                    l.dh[k] = 0f;
                }
            }
        }
    }

    /** PyTorch's GRU: r, z, n = tanh(x_n + r ⊙ (h W_hn + b_hn)), h' = (1 − z) n + z h. */
    static final class Gru extends FusedGates {
        private float[] bIh;
        private float[] bHh;

        Gru(FusedLayer layer) {
            super(layer);
        }

        @Override
        boolean separateHidden() {
            return true;
        }

        @Override
        void loadBiases(INDArray bIhArray, INDArray bHhArray) {
            bIh = floats(bIhArray);
            bHh = floats(bHhArray);
        }

        @Override
        void forward(int t) {
            float[] px = l.preRow;
            float[] ph = l.preHRow;
            float[] s = l.saved;
            int w = 3 * n;
            int base = gateBase(t);
            int extra = extraBase(t);
            for (int b = 0; b < l.batch; b++) {
                int row = b * w;
                int prev = t * bh + b * n;
                int next = prev + bh;
                for (int j = 0; j < n; j++) {
                    float r = FastActivations.sigmoid(px[row + j] + bIh[j] + ph[row + j] + bHh[j]);
                    float z = FastActivations.sigmoid(px[row + n + j] + bIh[n + j]
                            + ph[row + n + j] + bHh[n + j]);
                    float hn = ph[row + 2 * n + j] + bHh[2 * n + j];
                    float cand = FastActivations.tanh(px[row + 2 * n + j] + bIh[2 * n + j]
                            + r * hn);
                    l.h[next + j] = cand + z * (l.h[prev + j] - cand);
                    s[base + row + j] = r;
                    s[base + row + n + j] = z;
                    s[base + row + 2 * n + j] = cand;
                    s[extra + b * n + j] = hn;
                }
            }
        }

        @Override
        void backward(int t) {
            float[] s = l.saved;
            float[] dx = l.dPreRow;
            float[] dhh = l.dPreHRow;
            int w = 3 * n;
            int base = gateBase(t);
            int extra = extraBase(t);
            for (int b = 0; b < l.batch; b++) {
                int row = b * w;
                int prev = t * bh + b * n;
                for (int j = 0; j < n; j++) {
                    int k = b * n + j;
                    float r = s[base + row + j];
                    float z = s[base + row + n + j];
                    float cand = s[base + row + 2 * n + j];
                    float hn = s[extra + k];
                    float dh = l.dh[k];
                    float dAn = dh * (1f - z) * (1f - cand * cand);
                    float dAz = dh * (l.h[prev + j] - cand) * z * (1f - z);
                    float dAr = dAn * hn * r * (1f - r);
                    dx[row + j] = dAr;
                    dx[row + n + j] = dAz;
                    dx[row + 2 * n + j] = dAn;
                    dhh[row + j] = dAr;
                    dhh[row + n + j] = dAz;
                    dhh[row + 2 * n + j] = dAn * r;
                    l.dh[k] = dh * z;
                }
            }
        }
    }
}
