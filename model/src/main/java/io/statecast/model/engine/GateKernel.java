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
 *
 * <p>A sigmoid gate is computed as σ(a) = (1 + tanh(a / 2)) / 2, and its weight columns and biases
 * come halved ({@link #gateScale}): the caller scales the weights once, so the projections arrive
 * as a / 2 and each gate takes one pass, tanh(a + b), with the affine step folded into the loop
 * that reads the gate. Halving is exact in float, so the results are the same bits as halving the
 * sum.
 */
abstract class GateKernel {

    /** Whether the kernel needs x·W_ih and h·W_hh apart (GRU). */
    final boolean separateProjections;

    /** Per gate, the factor its weight columns and biases are scaled by: 1/2 for a sigmoid gate. */
    private final float[] gateScales;

    GateKernel(boolean separateProjections, float[] gateScales) {
        this.separateProjections = separateProjections;
        this.gateScales = gateScales;
    }

    /** The factor the caller scales gate k's weight columns by (the biases are scaled here). */
    float gateScale(int k) {
        return gateScales[k];
    }

    /** {@code v} [G*H] with gate k's block times {@code scales[k]}. */
    static float[] scaled(float[] v, float[] scales, int hidden) {
        float[] s = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            s[j] = v[j] * scales[j / hidden];
        }
        return s;
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
                return new LstmKernel(tiledBlocks(scaled(sum(bIh, bHh), LstmKernel.SCALES, hidden), 4,
                        hidden, rows));
            case GRU:
                return new GruKernel(tiledBlocks(scaled(bIh, GruKernel.SCALES, hidden), 3, hidden, rows),
                        tiledBlocks(scaled(bHh, GruKernel.SCALES, hidden), 3, hidden, rows));
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

    /** a = tanh(a + b): a gate's one pass (a sigmoid gate's halved input gives 2σ − 1). */
    static void tanhOfSum(float[] a, float[] b, int n) {
        for (int j = 0; j < n; j++) {
            a[j] = FastActivations.tanh(a[j] + b[j]);
        }
    }

    /** h' = act(pre + b). */
    static final class RnnKernel extends GateKernel {
        private final boolean relu;
        private final float[] bias;

        RnnKernel(Activation activation, float[][] bias) {
            super(false, new float[] {1f});
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

    /** Gates i, f, g, o; c' = f c + i g; h' = o tanh(c'). i, f, o are sigmoid gates (halved). */
    static final class LstmKernel extends GateKernel {
        static final float[] SCALES = {0.5f, 0.5f, 1f, 0.5f};

        private final float[][] bias;

        private final float[] tanhC;

        LstmKernel(float[][] bias) {
            super(false, SCALES);
            this.bias = bias;
            this.tanhC = new float[bias[0].length];
        }

        @Override
        void apply(float[][] gx, float[][] gh, float[] h, float[] c, int n) {
            float[] i = gx[0];
            float[] f = gx[1];
            float[] g = gx[2];
            float[] o = gx[3];
            for (int k = 0; k < 4; k++) {
                tanhOfSum(gx[k], bias[k], n);
            }
            // σ = 0.5 + 0.5 tanh(a / 2), read where the gate is used.
            for (int j = 0; j < n; j++) {
                c[j] = (0.5f + 0.5f * f[j]) * c[j] + (0.5f + 0.5f * i[j]) * g[j];
            }
            FastActivations.tanh(c, tanhC, n);
            for (int j = 0; j < n; j++) {
                h[j] = (0.5f + 0.5f * o[j]) * tanhC[j];
            }
        }
    }

    /**
     * PyTorch GRU: r, z, n = tanh(x_n + r (h_n + b_hn)); h' = (1 - z) n + z h. r and z are sigmoid gates
     * (halved, in both projections and biases); n is not.
     */
    static final class GruKernel extends GateKernel {
        static final float[] SCALES = {0.5f, 0.5f, 1f};

        private final float[][] bIh;
        private final float[] bR;
        private final float[] bZ;
        private final float[] bHn;

        GruKernel(float[][] bIh, float[][] bHh) {
            super(true, SCALES);
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
            tanhOfSum(r, bR, n);
            tanhOfSum(z, bZ, n);
            float[] bIn = bIh[2];
            for (int j = 0; j < n; j++) {
                cand[j] += bIn[j] + (0.5f + 0.5f * r[j]) * (hn[j] + bHn[j]);
            }
            FastActivations.tanh(cand, cand, n);
            for (int j = 0; j < n; j++) {
                h[j] = cand[j] + (0.5f + 0.5f * z[j]) * (h[j] - cand[j]);
            }
        }
    }
}
