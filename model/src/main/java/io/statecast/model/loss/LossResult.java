package io.statecast.model.loss;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss value and dL/dPrediction.
 *
 * @param value the mean loss over the batch (and steps / horizon)
 * @param gradient dL/dPrediction, shaped like the prediction
 */
public record LossResult(double value, INDArray gradient) {

    public LossResult {
        Objects.requireNonNull(gradient, "gradient");
    }
}
