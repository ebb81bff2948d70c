package io.statecast.model.cell;

import io.statecast.schemas.CellType;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Shared parameter handling, initialisation and the affine parts of forward and backward. */
abstract class AbstractCell implements Cell {

    private final CellType type;
    private final int gates;
    private final int layer;
    private final int inputSize;
    private final int hiddenSize;
    final String wIh;
    final String wHh;
    final String bIh;
    final String bHh;

    AbstractCell(CellType type, int layer, int inputSize, int hiddenSize) {
        if (layer < 0) {
            throw new IllegalArgumentException("layer index must be >= 0, got " + layer);
        }
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("input size and hidden size must be > 0, got "
                    + inputSize + " and " + hiddenSize);
        }
        this.type = type;
        this.gates = Cells.gates(type);
        this.layer = layer;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.wIh = ParamNames.wIh(layer);
        this.wHh = ParamNames.wHh(layer);
        this.bIh = ParamNames.bIh(layer);
        this.bHh = ParamNames.bHh(layer);
    }

    @Override
    public CellType type() {
        return type;
    }

    @Override
    public int gates() {
        return gates;
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public CellState zeroState(int batch, DataType dataType) {
        return CellState.of(Nd4j.zeros(dataType, batch, hiddenSize));
    }

    /** PyTorch's default: every tensor ~ U(-1/sqrt(H), 1/sqrt(H)). */
    @Override
    public void initParams(Map<String, INDArray> params, DataType dataType, Random random) {
        int gh = gates() * hiddenSize;
        double bound = 1.0 / Math.sqrt(hiddenSize);
        params.put(wIh, uniform(random, bound, dataType, inputSize, gh));
        params.put(wHh, uniform(random, bound, dataType, hiddenSize, gh));
        params.put(bIh, uniform(random, bound, dataType, 1, gh));
        params.put(bHh, uniform(random, bound, dataType, 1, gh));
    }

    private static INDArray uniform(Random random, double bound, DataType type, int rows,
            int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE).castTo(type);
    }

    /** The parameter, checked for presence and shape. */
    INDArray param(Map<String, INDArray> params, String name, int rows) {
        INDArray p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        long cols = (long) gates() * hiddenSize;
        if (p.rank() != 2 || p.rows() != rows || p.columns() != cols) {
            throw new IllegalArgumentException("parameter " + name + " must have shape [" + rows
                    + ", " + cols + "], got " + java.util.Arrays.toString(p.shape()));
        }
        return p;
    }

    /** x in the parameters' data type, checked for width. */
    INDArray input(INDArray x, DataType type) {
        if (x.rank() != 2 || x.columns() != inputSize) {
            throw new IllegalArgumentException("layer " + layer + " input must be [batch, "
                    + inputSize + "], got " + java.util.Arrays.toString(x.shape()));
        }
        return x.dataType() == type ? x : x.castTo(type);
    }

    /** x·W_ih + b_ih, [batch, G*H]. */
    INDArray inputProjection(Map<String, INDArray> params, INDArray x) {
        return x.mmul(param(params, wIh, inputSize)).addiRowVector(param(params, bIh, 1));
    }

    /** h·W_hh + b_hh, [batch, G*H]. */
    INDArray hiddenProjection(Map<String, INDArray> params, INDArray h) {
        return h.mmul(param(params, wHh, hiddenSize)).addiRowVector(param(params, bHh, 1));
    }

    /**
     * Backward of the two projections: accumulates the weight and bias gradients and returns
     * {dL/dx, dL/dh} given the gradients of the input and hidden pre-activations.
     */
    INDArray[] projectionBackward(Map<String, INDArray> params, CellStep step, INDArray dPreX,
            INDArray dPreH, Map<String, INDArray> grads) {
        INDArray x = input(step.x(), dPreX.dataType());
        INDArray h = step.prev().h();
        accumulate(grads, params, wIh, x.transpose().mmul(dPreX));
        accumulate(grads, params, bIh, dPreX.sum(true, 0));
        accumulate(grads, params, wHh, h.transpose().mmul(dPreH));
        accumulate(grads, params, bHh, dPreH.sum(true, 0));
        INDArray dx = dPreX.mmul(param(params, wIh, inputSize).transpose());
        INDArray dh = dPreH.mmul(param(params, wHh, hiddenSize).transpose());
        return new INDArray[] {dx, dh};
    }

    private static void accumulate(Map<String, INDArray> grads, Map<String, INDArray> params,
            String name, INDArray g) {
        grads.computeIfAbsent(name, k -> Nd4j.zeros(params.get(k).dataType(),
                params.get(k).shape())).addi(g);
    }

    /** Gate block k of a [batch, G*H] matrix, as a view. */
    INDArray block(INDArray m, int k) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(k * hiddenSize,
                (k + 1) * hiddenSize));
    }

    /** Checks the state has the layer's width. */
    void checkState(CellState state, boolean needsC) {
        if (state.h().rank() != 2 || state.h().columns() != hiddenSize) {
            throw new IllegalArgumentException("layer " + layer + " state h must be [batch, "
                    + hiddenSize + "], got " + java.util.Arrays.toString(state.h().shape()));
        }
        if (needsC && !state.hasC()) {
            throw new IllegalArgumentException("layer " + layer + " is an LSTM: its state "
                    + "needs the memory cell c");
        }
    }
}
