package io.statecast.model.engine;

import io.statecast.model.cell.Activation;
import io.statecast.schemas.CellType;

/**
 * Gate math of one row of one layer in plain Java: adds the biases to the row's projections,
 * applies the cell and updates the state in place. Written as several short loops over
 * separate arrays, all indexed by the loop variable: JDK 17's C2 only vectorises loops small
 * enough to unroll and whose stores cannot overlap loads at another offset.
 *
 * <p>A call covers a chunk of rows at once, row-major [rows, H] in every array, and only its
 * first {@code n} = rows × H entries. {@code gx[k]} is gate k of x·W_ih (RNN, LSTM: of x·W_ih
 * + h·W_hh); {@code gh[k]} gate k of h·W_hh, used by GRU only, which needs the two apart.
 * Both are overwritten. The biases are tiled over the chunk's rows once, at construction.
 */
abstract class GateKernel {

    /** Whether the kernel needs x·W_ih and h·W_hh apart (GRU). */
    final boolean separateProjections;

    GateKernel(boolean separateProjections) {
        this.separateProjections = separateProjections;
    }

    /** The bias blocks of a [G*H] vector, each repeated for {@code rows} rows. */
    static float[][] tiledBlocks(float[] v, int gates, int hidden, int rows) {
        float[][] b = new float[gates][hidden * rows];
        for (int k = 0; k < gates; k++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(v, k * hidden, b[k], r * hidden, hidden);
            }
        }
        return b;
    }

    /**
     * Updates the state of a chunk of rows.
     *
     * @param h the rows' hidden states [rows, H], updated in place
     * @param c the rows' LSTM memory cells [rows, H], updated in place (unused otherwise)
     * @param n rows × H
     */
    abstract void apply(float[][] gx, float[][] gh, float[] h, float[] c, int n);

    /** A kernel for chunks of up to {@code rows} rows. */
    static GateKernel create(CellType type, Activation activation, int hidden, int rows,
            float[] bIh, float[] bHh) {
        switch (type) {
            case RNN:
                return new RnnKernel(activation,
                        tiledBlocks(sum(bIh, bHh), 1, hidden, rows));
            case LSTM:
                return new LstmKernel(tiledBlocks(sum(bIh, bHh), 4, hidden, rows));
            case GRU:
                return new GruKernel(tiledBlocks(bIh, 3, hidden, rows),
                        tiledBlocks(bHh, 3, hidden, rows));
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

    /** a = σ(a + b), as (1 + tanh((a + b) / 2)) / 2 in three short loops. */
    static void sigmoidOfSum(float[] a, float[] b, int n) {
        for (int j = 0; j < n; j++) {
            a[j] = 0.5f * (a[j] + b[j]);
        }
        FastActivations.tanh(a, a, n);
        for (int j = 0; j < n; j++) {
            a[j] = 0.5f + 0.5f * a[j];
        }
    }

    /** a = tanh(a + b). */
    static void tanhOfSum(float[] a, float[] b, int n) {
        for (int j = 0; j < n; j++) {
            a[j] += b[j];
        }
        FastActivations.tanh(a, a, n);
    }

    /** h' = act(pre + b). */
    static final class RnnKernel extends GateKernel {
        private final boolean relu;
        private final float[] bias;

        RnnKernel(Activation activation, float[][] bias) {
            super(false);
            this.relu = activation == Activation.RELU;
            this.bias = bias[0];
        }

        @Override
        void apply(float[][] gx, float[][] gh, float[] h, float[] c, int n) {
            float[] pre = gx[0];
            if (relu) {
                for (int j = 0; j < n; j++) {
                    h[j] = Math.max(0f, pre[j] + bias[j]);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    h[j] = pre[j] + bias[j];
                }
                FastActivations.tanh(h, h, n);
            }
        }
    }

    /** Gates i, f, g, o; c' = f c + i g; h' = o tanh(c'). */
    static final class LstmKernel extends GateKernel {
        private final float[][] bias;

        private final float[] tanhC;

        LstmKernel(float[][] bias) {
            super(false);
            this.bias = bias;
            this.tanhC = new float[bias[0].length];
        }

        @Override
        void apply(float[][] gx, float[][] gh, float[] h, float[] c, int n) {
            float[] i = gx[0];
            float[] f = gx[1];
            float[] g = gx[2];
            float[] o = gx[3];
            sigmoidOfSum(i, bias[0], n);
            sigmoidOfSum(f, bias[1], n);
            tanhOfSum(g, bias[2], n);
            sigmoidOfSum(o, bias[3], n);
            for (int j = 0; j < n; j++) {
                c[j] = f[j] * c[j] + i[j] * g[j];
            }
            FastActivations.tanh(c, tanhC, n);
            for (int j = 0; j < n; j++) {
                h[j] = o[j] * tanhC[j];
            }
        }
    }

    /** PyTorch GRU: r, z, n = tanh(x_n + r (h_n + b_hn)); h' = (1 - z) n + z h. */
    static final class GruKernel extends GateKernel {
        private final float[][] bIh;
        private final float[] bR;
        private final float[] bZ;
        private final float[] bHn;

        GruKernel(float[][] bIh, float[][] bHh) {
            super(true);
            this.bIh = bIh;
            this.bR = sum(bIh[0], bHh[0]);
            this.bZ = sum(bIh[1], bHh[1]);
            this.bHn = bHh[2];
        }

        @Override
        void apply(float[][] gx, float[][] gh, float[] h, float[] c, int n) {
            float[] r = gx[0];
            float[] z = gx[1];
            float[] cand = gx[2];
            float[] hr = gh[0];
            float[] hz = gh[1];
            float[] hn = gh[2];
            for (int j = 0; j < n; j++) {
                r[j] += hr[j];
                z[j] += hz[j];
            }
            sigmoidOfSum(r, bR, n);
            sigmoidOfSum(z, bZ, n);
            float[] bIn = bIh[2];
            for (int j = 0; j < n; j++) {
                cand[j] += bIn[j] + r[j] * (hn[j] + bHn[j]);
            }
            FastActivations.tanh(cand, cand, n);
            for (int j = 0; j < n; j++) {
                h[j] = cand[j] + z[j] * (h[j] - cand[j]);
            }
        }
    }
}
