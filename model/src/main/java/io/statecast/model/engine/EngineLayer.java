package io.statecast.model.engine;

import io.statecast.model.cell.ParamNames;
import io.statecast.model.layer.RnnConfig;
import java.nio.FloatBuffer;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Buffers and step of one layer of {@link BatchedRnnEngine}. The state lives twice, in Java
 * arrays (read by the gate loops, gather and scatter) and in a native [capacity, H] matrix
 * (the GEMM operand); every write updates both so either step path can run next. The
 * pre-activations are gate-major ([G][capacity][H], one GEMM per gate on a column block of the
 * weights) so a chunk of rows of one gate is contiguous and copies in one call.
 */
final class EngineLayer {

    /** Rows per gate-loop chunk: long loops, while a chunk's gates stay in L1. */
    static final int CHUNK = 16;

    private final int hidden;
    private final int inputSize;
    private final int width;
    private final int capacity;
    private final GateKernel kernel;
    private final boolean separate;

    /** Native arrays kept referenced: the pointers and buffers below point into them. */
    private final INDArray[] nativeArrays;
    private final FloatPointer[] wIhGate;
    private final FloatPointer[] wHhGate;
    private final float[][] wIhRows;
    private final float[][] wHhRows;

    private final FloatPointer hPointer;
    private final FloatBuffer hBuffer;
    private final FloatPointer[] preXGate;
    private final FloatBuffer preXBuffer;
    private final FloatPointer[] preHGate;
    private final FloatBuffer preHBuffer;

    final float[] h;
    final float[] c;
    private final float[] rowX;
    private final float[] rowH;
    private final float[][] gx;
    private final float[][] gh;
    private final float[] hChunk;
    private final float[] cChunk;

    EngineLayer(RnnConfig config, Map<String, INDArray> params, int layer, int capacity) {
        this.hidden = config.hiddenSize();
        this.inputSize = config.layerInputSize(layer);
        this.width = config.gates() * hidden;
        this.capacity = capacity;
        int gates = config.gates();
        kernel = GateKernel.create(config.cell(), config.activation(), hidden, CHUNK,
                floatCopy(params, ParamNames.bIh(layer), 1).data().asFloat(),
                floatCopy(params, ParamNames.bHh(layer), 1).data().asFloat());
        separate = kernel.separateProjections;
        INDArray wIh = gateScaled(floatCopy(params, ParamNames.wIh(layer), inputSize), gates);
        INDArray wHh = gateScaled(floatCopy(params, ParamNames.wHh(layer), hidden), gates);
        wIhRows = wIh.toFloatMatrix();
        wHhRows = wHh.toFloatMatrix();

        INDArray hNative = Nd4j.zeros(DataType.FLOAT, capacity, hidden);
        INDArray preXNative = Nd4j.zeros(DataType.FLOAT, (long) gates * capacity, hidden);
        INDArray preHNative = separate
                ? Nd4j.zeros(DataType.FLOAT, (long) gates * capacity, hidden) : preXNative;
        nativeArrays = new INDArray[] {wIh, wHh, hNative, preXNative, preHNative};
        hPointer = Sgemm.pointer(hNative);
        hBuffer = hNative.data().asNioFloat();
        preXBuffer = preXNative.data().asNioFloat();
        preHBuffer = preHNative.data().asNioFloat();
        wIhGate = new FloatPointer[gates];
        wHhGate = new FloatPointer[gates];
        preXGate = new FloatPointer[gates];
        preHGate = new FloatPointer[gates];
        for (int k = 0; k < gates; k++) {
            wIhGate[k] = Sgemm.offset(Sgemm.pointer(wIh), (long) k * hidden);
            wHhGate[k] = Sgemm.offset(Sgemm.pointer(wHh), (long) k * hidden);
            preXGate[k] = Sgemm.offset(Sgemm.pointer(preXNative), (long) k * capacity * hidden);
            preHGate[k] = Sgemm.offset(Sgemm.pointer(preHNative), (long) k * capacity * hidden);
        }

        h = new float[capacity * hidden];
        c = config.hasMemoryCell() ? new float[capacity * hidden] : null;
        rowX = new float[width];
        rowH = new float[width];
        gx = new float[gates][CHUNK * hidden];
        gh = new float[gates][CHUNK * hidden];
        hChunk = new float[CHUNK * hidden];
        cChunk = new float[CHUNK * hidden];
    }

    private INDArray floatCopy(Map<String, INDArray> params, String name, int rows) {
        INDArray p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        if (p.rank() != 2 || p.rows() != rows || p.columns() != width) {
            throw new IllegalArgumentException("parameter " + name + " must have shape [" + rows
                    + ", " + width + "], got " + java.util.Arrays.toString(p.shape()));
        }
        return p.castTo(DataType.FLOAT).dup('c');
    }

    /** The weights with each gate's columns scaled as the kernel expects (sigmoid gates halved). */
    private INDArray gateScaled(INDArray w, int gates) {
        for (int k = 0; k < gates; k++) {
            float scale = kernel.gateScale(k);
            if (scale != 1f) {
                w.get(NDArrayIndex.all(), NDArrayIndex.interval((long) k * hidden, (long) (k + 1) * hidden))
                        .muli(scale);
            }
        }
        return w;
    }

    /** Native [capacity, H] hidden state, the next layer's GEMM input. */
    FloatPointer hiddenPointer() {
        return hPointer;
    }

    /**
     * One step of rows [0, batch): per gate, GEMMs over the whole batch, then the gate loops
     * over chunks of rows copied out of the native buffers (the loops vectorise on Java arrays,
     * not on direct buffers).
     */
    void stepBatched(int batch, FloatPointer input) {
        for (int k = 0; k < wIhGate.length; k++) {
            Sgemm.gemm(batch, hidden, inputSize, input, inputSize, wIhGate[k], width, 0f,
                    preXGate[k], hidden);
            FloatPointer out = separate ? preHGate[k] : preXGate[k];
            Sgemm.gemm(batch, hidden, hidden, hPointer, hidden, wHhGate[k], width,
                    separate ? 0f : 1f, out, hidden);
        }
        for (int first = 0; first < batch; first += CHUNK) {
            int n = Math.min(CHUNK, batch - first) * hidden;
            for (int k = 0; k < gx.length; k++) {
                int index = (k * capacity + first) * hidden;
                preXBuffer.get(index, gx[k], 0, n);
                if (separate) {
                    preHBuffer.get(index, gh[k], 0, n);
                }
            }
            applyKernel(first * hidden, n);
        }
    }

    /** One step of one row in plain Java (small batches, where a GEMM call costs more). */
    void stepRow(int row, float[] input, int inputOffset) {
        int off = row * hidden;
        Sgemm.matVec(input, inputOffset, wIhRows, rowX, false);
        if (separate) {
            Sgemm.matVec(h, off, wHhRows, rowH, false);
        } else {
            Sgemm.matVec(h, off, wHhRows, rowX, true);
        }
        for (int k = 0; k < gx.length; k++) {
            System.arraycopy(rowX, k * hidden, gx[k], 0, hidden);
            if (separate) {
                System.arraycopy(rowH, k * hidden, gh[k], 0, hidden);
            }
        }
        applyKernel(off, hidden);
    }

    /** Gate math on {@code n} state entries from {@code off}, written to both state copies. */
    private void applyKernel(int off, int n) {
        System.arraycopy(h, off, hChunk, 0, n);
        if (c != null) {
            System.arraycopy(c, off, cChunk, 0, n);
        }
        kernel.apply(gx, gh, hChunk, cChunk, n);
        System.arraycopy(hChunk, 0, h, off, n);
        if (c != null) {
            System.arraycopy(cChunk, 0, c, off, n);
        }
        hBuffer.put(off, hChunk, 0, n);
    }

    /** Copies row state in from {@code src} (h, then c for LSTM), returns floats read. */
    int load(int row, float[] src, int offset) {
        int off = row * hidden;
        System.arraycopy(src, offset, h, off, hidden);
        hBuffer.put(off, h, off, hidden);
        if (c == null) {
            return hidden;
        }
        System.arraycopy(src, offset + hidden, c, off, hidden);
        return 2 * hidden;
    }

    /** Copies row state out to {@code dst} (h, then c for LSTM), returns floats written. */
    int store(int row, float[] dst, int offset) {
        int off = row * hidden;
        System.arraycopy(h, off, dst, offset, hidden);
        if (c == null) {
            return hidden;
        }
        System.arraycopy(c, off, dst, offset + hidden, hidden);
        return 2 * hidden;
    }
}
