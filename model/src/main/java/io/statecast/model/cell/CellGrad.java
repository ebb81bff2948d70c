package io.statecast.model.cell;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Gradients of one backward step: dL/dx [batch, inputs] and dL/d(previous state). */
public record CellGrad(INDArray dx, CellState dPrev) {
}
