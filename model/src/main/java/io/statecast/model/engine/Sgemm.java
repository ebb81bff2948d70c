package io.statecast.model.engine;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-major float GEMM straight into ND4J's OpenBLAS ({@code cblas_sgemm}) on buffers the
 * caller owns. Skips ND4J's op layer, whose per-call cost (~30 µs) would dominate small
 * batches; no allocation per call.
 */
final class Sgemm {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;

    private Sgemm() {
    }

    /** Pointer to the first element of a FLOAT array created by this package (offset 0). */
    static FloatPointer pointer(INDArray a) {
        return (FloatPointer) a.data().addressPointer();
    }

    /**
     * C[m, n] = A[m, k] · B[k, n] + beta · C, row-major with leading dimensions (so B can be a
     * column block of a wider matrix).
     */
    static void gemm(int m, int n, int k, FloatPointer a, int lda, FloatPointer b, int ldb,
            float beta, FloatPointer c, int ldc) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, a, lda, b, ldb,
                beta, c, ldc);
    }

    /** A pointer {@code offset} floats into {@code base}. */
    static FloatPointer offset(FloatPointer base, long offset) {
        return new FloatPointer(base).position(base.position() + offset);
    }

    /**
     * out (+)= v[vOff, vOff + k) · W, W given as k rows, in plain Java. Rows as separate arrays
     * keep load and store at the same index, which C2 (JDK 17) needs to vectorise the loop;
     * four rows per pass cut the loads and stores of {@code out} by four.
     */
    static void matVec(float[] v, int vOff, float[][] w, float[] out, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, 0f);
        }
        int r = 0;
        for (; r + 3 < w.length; r += 4) {
            float a0 = v[vOff + r];
            float a1 = v[vOff + r + 1];
            float a2 = v[vOff + r + 2];
            float a3 = v[vOff + r + 3];
            float[] w0 = w[r];
            float[] w1 = w[r + 1];
            float[] w2 = w[r + 2];
            float[] w3 = w[r + 3];
            for (int j = 0; j < out.length; j++) {
                out[j] += a0 * w0[j] + a1 * w1[j] + a2 * w2[j] + a3 * w3[j];
            }
        }
        for (; r < w.length; r++) {
            float a = v[vOff + r];
            float[] row = w[r];
            for (int j = 0; j < out.length; j++) {
                out[j] += a * row[j];
            }
        }
    }

}
