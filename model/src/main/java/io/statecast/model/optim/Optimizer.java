package io.statecast.model.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates parameters in place from same-keyed gradients. Implementations keep per-parameter state
 * (momentum, moments) allocated on the first step and reused afterwards, so a training loop does not
 * allocate per step. One optimizer instance serves one parameter map.
 */
public interface Optimizer {

    /**
     * One update of every parameter from its gradient.
     *
     * @throws IllegalArgumentException when a parameter has no gradient, a gradient has no parameter,
     *     or shapes / data types differ
     */
    void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients);

    /** Updates applied so far. */
    long steps();
}
