package io.statecast.model.unroll;

import io.statecast.model.layer.StackState;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a window: per parameter name, w.r.t. the inputs [batch, steps, inputs] and
 * w.r.t. the initial state.
 */
public record BpttGrads(Map<String, INDArray> params, INDArray inputs, StackState initialState) {
}
