package io.statecast.model.engine;

import io.statecast.model.cell.ParamNames;
import io.statecast.model.layer.RnnConfig;
import java.nio.FloatBuffer;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Buffers and step of one layer of {@link BatchedRnnEngine}. The state lives twice, in Java
 * arrays (read by the gate loops, gather and scatter) and in a native [capacity, H] matrix
 * (the GEMM operand); every write updates both so either step path can run next.
 */
final class EngineLayer {

    private final int hidden;
    private final int inputSize;
    private final int width;
    private final GateKernel kernel;
    private final boolean separate;

    private final INDArray wIhNative;
    private final INDArray wHhNative;
    private final FloatPointer wIh;
    private final FloatPointer wHh;
    private final float[][] wIhRows;
    private final float[][] wHhRows;

    private final INDArray hNative;
    private final FloatPointer hPointer;
    private final FloatBuffer hBuffer;
    private final INDArray preXNative;
    private final FloatPointer preX;
    private final FloatBuffer preXBuffer;
    private final INDArray preHNative;
    private final FloatPointer preH;
    private final FloatBuffer preHBuffer;

    final float[] h;
    final float[] c;
    private final float[] rowX;
    private final float[] rowH;
    private final float[][] gx;
    private final float[][] gh;
    private final float[] hRow;
    private final float[] cRow;

    EngineLayer(RnnConfig config, Map<String, INDArray> params, int layer, int capacity) {
        this.hidden = config.hiddenSize();
        this.inputSize = config.layerInputSize(layer);
        this.width = config.gates() * hidden;
        wIhNative = floatCopy(params, ParamNames.wIh(layer), inputSize);
        wHhNative = floatCopy(params, ParamNames.wHh(layer), hidden);
        wIh = Sgemm.pointer(wIhNative);
        wHh = Sgemm.pointer(wHhNative);
        wIhRows = Sgemm.rows(wIhNative);
        wHhRows = Sgemm.rows(wHhNative);
        kernel = GateKernel.create(config.cell(), config.activation(), hidden,
                floatCopy(params, ParamNames.bIh(layer), 1).data().asFloat(),
                floatCopy(params, ParamNames.bHh(layer), 1).data().asFloat());
        separate = kernel.separateProjections();

        hNative = Nd4j.zeros(DataType.FLOAT, capacity, hidden);
        hPointer = Sgemm.pointer(hNative);
        hBuffer = hNative.data().asNioFloat();
        preXNative = Nd4j.zeros(DataType.FLOAT, capacity, width);
        preX = Sgemm.pointer(preXNative);
        preXBuffer = preXNative.data().asNioFloat();
        preHNative = separate ? Nd4j.zeros(DataType.FLOAT, capacity, width) : null;
        preH = separate ? Sgemm.pointer(preHNative) : null;
        preHBuffer = separate ? preHNative.data().asNioFloat() : null;

        h = new float[capacity * hidden];
        c = config.hasMemoryCell() ? new float[capacity * hidden] : null;
        rowX = new float[width];
        rowH = new float[width];
        gx = new float[config.gates()][hidden];
        gh = new float[config.gates()][hidden];
        hRow = new float[hidden];
        cRow = new float[hidden];
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

    /** Native [capacity, H] hidden state, the next layer's GEMM input. */
    FloatPointer hiddenPointer() {
        return hPointer;
    }

    /**
     * One step of rows [0, batch) with two GEMMs over the whole batch, then the gate loops per
     * row over copies of the pre-activation gate blocks (bulk copies from the native buffers:
     * the loops vectorise on Java arrays, not on direct buffers).
     */
    void stepBatched(int batch, FloatPointer input) {
        Sgemm.gemm(batch, width, inputSize, input, wIh, 0f, preX);
        if (separate) {
            Sgemm.gemm(batch, width, hidden, hPointer, wHh, 0f, preH);
        } else {
            Sgemm.gemm(batch, width, hidden, hPointer, wHh, 1f, preX);
        }
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < gx.length; k++) {
                preXBuffer.get(b * width + k * hidden, gx[k], 0, hidden);
                if (separate) {
                    preHBuffer.get(b * width + k * hidden, gh[k], 0, hidden);
                }
            }
            applyKernel(b);
        }
    }

    /** Runs the gate math of {@code row} on copies of its state, then writes both copies. */
    private void applyKernel(int row) {
        int off = row * hidden;
        System.arraycopy(h, off, hRow, 0, hidden);
        if (c != null) {
            System.arraycopy(c, off, cRow, 0, hidden);
        }
        kernel.apply(gx, gh, hRow, cRow);
        System.arraycopy(hRow, 0, h, off, hidden);
        if (c != null) {
            System.arraycopy(cRow, 0, c, off, hidden);
        }
        hBuffer.put(off, hRow, 0, hidden);
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
        applyKernel(row);
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
