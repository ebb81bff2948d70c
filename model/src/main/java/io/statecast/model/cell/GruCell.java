package io.statecast.model.cell;

import io.statecast.schemas.CellType;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GRU cell, PyTorch's formulation with gate blocks r, z, n: {@code r = σ(xW_ir + b_ir + hW_hr +
 * b_hr)}, {@code z = σ(...)}, {@code n = tanh(xW_in + b_in + r⊙(hW_hn + b_hn))},
 * {@code h' = (1 − z)⊙n + z⊙h}.
 */
public final class GruCell extends AbstractCell {

    private static final int R = 0;
    private static final int Z = 1;
    private static final int N = 2;

    public GruCell(int layer, int inputSize, int hiddenSize) {
        super(CellType.GRU, layer, inputSize, hiddenSize);
    }

    @Override
    public CellStep forward(Map<String, INDArray> params, INDArray x, CellState state) {
        checkState(state, false);
        INDArray h = state.h();
        INDArray px = inputProjection(params, input(x, params.get(wIh).dataType()));
        INDArray ph = hiddenProjection(params, h);
        INDArray r = Transforms.sigmoid(block(px, R).add(block(ph, R)), false);
        INDArray z = Transforms.sigmoid(block(px, Z).add(block(ph, Z)), false);
        INDArray hn = block(ph, N).dup();
        INDArray n = Transforms.tanh(block(px, N).add(r.mul(hn)), false);
        INDArray next = z.rsub(1).muli(n).addi(z.mul(h));
        return new CellStep(x, state, CellState.of(next), new INDArray[] {r, z, n, hn});
    }

    @Override
    public CellGrad backward(Map<String, INDArray> params, CellStep step, INDArray dh,
            INDArray dc, Map<String, INDArray> grads) {
        INDArray[] s = step.saved();
        INDArray r = s[R];
        INDArray z = s[Z];
        INDArray n = s[N];
        INDArray hn = s[3];
        INDArray h = step.prev().h();
        INDArray dPreN = dh.mul(z.rsub(1)).muli(n.mul(n).rsubi(1));
        INDArray dPreZ = dh.mul(h.sub(n)).muli(z.mul(z.rsub(1)));
        INDArray dPreR = dPreN.mul(hn).muli(r.mul(r.rsub(1)));
        INDArray dPreX = Nd4j.hstack(dPreR, dPreZ, dPreN);
        INDArray dPreH = Nd4j.hstack(dPreR, dPreZ, dPreN.mul(r));
        INDArray[] d = projectionBackward(params, step, dPreX, dPreH, grads);
        return new CellGrad(d[0], CellState.of(d[1].addi(dh.mul(z))));
    }
}
