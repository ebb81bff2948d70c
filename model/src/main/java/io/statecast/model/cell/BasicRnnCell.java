package io.statecast.model.cell;

import io.statecast.schemas.CellType;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Basic RNN cell: {@code h' = act(x·W_ih + b_ih + h·W_hh + b_hh)}, act = tanh (the book's
 * {@code BasicRNNCell}) or ReLU. The book's Wx, Wy, b are W_ih, W_hh and b_ih + b_hh.
 */
public final class BasicRnnCell extends AbstractCell {

    private final Activation activation;

    public BasicRnnCell(int layer, int inputSize, int hiddenSize, Activation activation) {
        super(CellType.RNN, layer, inputSize, hiddenSize);
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null (use TANH or RELU)");
        }
        this.activation = activation;
    }

    /** The cell's activation. */
    public Activation activation() {
        return activation;
    }

    @Override
    public CellStep forward(Map<String, INDArray> params, INDArray x, CellState state) {
        checkState(state, false);
        INDArray pre = inputProjection(params, input(x, params.get(wIh).dataType()))
                .addi(hiddenProjection(params, state.h()));
        INDArray h = activation == Activation.TANH
                ? Transforms.tanh(pre, false) : Transforms.relu(pre, false);
        return new CellStep(x, state, CellState.of(h), new INDArray[0]);
    }

    @Override
    public CellGrad backward(Map<String, INDArray> params, CellStep step, INDArray dh,
            INDArray dc, Map<String, INDArray> grads) {
        INDArray h = step.next().h();
        INDArray slope = activation == Activation.TANH
                ? h.mul(h).rsubi(1) : h.gt(0).castTo(h.dataType());
        INDArray dPre = dh.mul(slope);
        INDArray[] d = projectionBackward(params, step, dPre, dPre, grads);
        return new CellGrad(d[0], CellState.of(d[1]));
    }
}
