package io.statecast.model.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A training objective: a scalar loss of a head's output against targets, and its gradient. */
public interface Loss {

    /**
     * The loss of {@code prediction} against {@code target} (neither is modified) and dL/dPrediction
     * (a new array of {@code prediction}'s shape and data type).
     *
     * @throws IllegalArgumentException when the shapes or data types do not fit together
     */
    LossResult evaluate(INDArray prediction, INDArray target);
}
