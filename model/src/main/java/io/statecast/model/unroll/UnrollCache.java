package io.statecast.model.unroll;

import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackStep;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward pass of a dynamic unroll kept for BPTT: the parameters used, the input, the
 * per-step stack steps, the outputs [batch, steps, H] and the final state.
 */
public record UnrollCache(Map<String, INDArray> params, INDArray input, List<StackStep> steps,
        INDArray outputs, StackState finalState) {
}
