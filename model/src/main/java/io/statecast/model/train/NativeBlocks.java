package io.statecast.model.train;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Native float memory cut into equal blocks (one per time step) for the fused BPTT kernels:
 * BLAS reads and writes it in place, the Java gate loops bulk-copy blocks in and out. Also the
 * row-major {@code cblas_sgemm} with transposes those kernels call, bypassing ND4J's per-op cost.
 */
final class NativeBlocks {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    final int blockSize;
    private final FloatPointer base;
    private final FloatBuffer buffer;
    private final FloatPointer[] blocks;

    /** {@code count} zeroed blocks of {@code blockSize} floats. */
    NativeBlocks(int count, int blockSize) {
        this.blockSize = blockSize;
        this.base = new FloatPointer((long) count * blockSize);
        base.zero();
        this.buffer = base.asBuffer();
        this.blocks = new FloatPointer[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = new FloatPointer(base).position((long) i * blockSize);
        }
    }

    /** Block {@code i} and every block after it, as one pointer. */
    FloatPointer at(int i) {
        return blocks[i];
    }

    /** Copies block {@code i} into {@code dst[dstOffset ..]}. */
    void read(int i, float[] dst, int dstOffset) {
        buffer.get(i * blockSize, dst, dstOffset, blockSize);
    }

    /** Copies {@code src[srcOffset ..]} into block {@code i}. */
    void write(int i, float[] src, int srcOffset) {
        buffer.put(i * blockSize, src, srcOffset, blockSize);
    }

    /** Sets every float of the first {@code count} blocks. */
    void fill(int count, float value) {
        for (int i = 0; i < count * blockSize; i++) {
            buffer.put(i, value);
        }
    }

    /**
     * {@code C[m, n] = op(A)·op(B) + beta·C}, row-major, where op(A) is [m, k] and op(B) [k, n];
     * a transposed operand is stored as its transpose ([k, m] or [n, k]).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a,
            FloatPointer b, float beta, FloatPointer c) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS,
                transB ? TRANS : NO_TRANS, m, n, k, 1f, a, transA ? m : k, b, transB ? k : n,
                beta, c, n);
    }

    /** The memory of a dense C-ordered FLOAT array with no offset, for BLAS to use in place. */
    static FloatPointer pointer(INDArray a, String name) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.offset() != 0
                || a.isView() || a.length() != a.data().length()) {
            throw new IllegalArgumentException(name + " must be a dense C-ordered FLOAT array "
                    + "of its own for the fused kernels, got " + a.dataType() + " "
                    + a.ordering() + (a.isView() ? " view" : ""));
        }
        return (FloatPointer) a.data().addressPointer();
    }
}
