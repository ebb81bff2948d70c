package io.statecast.model.layer;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Gradients of one stack step: dL/dx [batch, inputs] and dL/d(previous state) per layer. */
public record StackGrad(INDArray dx, StackState dPrev) {
}
