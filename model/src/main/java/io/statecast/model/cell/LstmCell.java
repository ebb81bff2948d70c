package io.statecast.model.cell;

import io.statecast.schemas.CellType;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LSTM cell with gate blocks i, f, g, o (PyTorch's order): {@code c' = f⊙c + i⊙g},
 * {@code h' = o⊙tanh(c')}. The forget-gate bias starts at 1 (in b_ih; b_hh's f block is 0).
 */
public final class LstmCell extends AbstractCell {

    private static final int I = 0;
    private static final int F = 1;
    private static final int G = 2;
    private static final int O = 3;

    public LstmCell(int layer, int inputSize, int hiddenSize) {
        super(CellType.LSTM, layer, inputSize, hiddenSize);
    }

    @Override
    public void initParams(Map<String, INDArray> params, DataType dataType, Random random) {
        super.initParams(params, dataType, random);
        block(params.get(bIh), F).assign(1);
        block(params.get(bHh), F).assign(0);
    }

    @Override
    public CellState zeroState(int batch, DataType dataType) {
        return new CellState(Nd4j.zeros(dataType, batch, hiddenSize()),
                Nd4j.zeros(dataType, batch, hiddenSize()));
    }

    @Override
    public CellStep forward(Map<String, INDArray> params, INDArray x, CellState state) {
        checkState(state, true);
        INDArray pre = inputProjection(params, input(x, params.get(wIh).dataType()))
                .addi(hiddenProjection(params, state.h()));
        INDArray i = Transforms.sigmoid(block(pre, I), true);
        INDArray f = Transforms.sigmoid(block(pre, F), true);
        INDArray g = Transforms.tanh(block(pre, G), true);
        INDArray o = Transforms.sigmoid(block(pre, O), true);
        INDArray c = f.mul(state.c()).addi(i.mul(g));
        INDArray tanhC = Transforms.tanh(c, true);
        INDArray h = o.mul(tanhC);
        return new CellStep(x, state, new CellState(h, c), new INDArray[] {i, f, g, o, tanhC});
    }

    @Override
    public CellGrad backward(Map<String, INDArray> params, CellStep step, INDArray dh,
            INDArray dcNext, Map<String, INDArray> grads) {
        INDArray[] s = step.saved();
        INDArray i = s[I];
        INDArray f = s[F];
        INDArray g = s[G];
        INDArray o = s[O];
        INDArray tanhC = s[4];
        // dL/dc' collects the carried gradient and the path through h' = o * tanh(c').
        INDArray dc = dh.mul(o).muli(tanhC.mul(tanhC).rsubi(1));
        if (dcNext != null) {
            dc.addi(dcNext);
        }
        INDArray dPreI = dc.mul(g).muli(sigmoidSlope(i));
        INDArray dPreF = dc.mul(step.prev().c()).muli(sigmoidSlope(f));
        INDArray dPreG = dc.mul(i).muli(g.mul(g).rsubi(1));
        INDArray dPreO = dh.mul(tanhC).muli(sigmoidSlope(o));
        INDArray dPre = Nd4j.hstack(dPreI, dPreF, dPreG, dPreO);
        INDArray[] d = projectionBackward(params, step, dPre, dPre, grads);
        return new CellGrad(d[0], new CellState(d[1], dc.muli(f)));
    }

    private static INDArray sigmoidSlope(INDArray s) {
        return s.mul(s.rsub(1));
    }
}
