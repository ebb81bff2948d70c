package io.statecast.model.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code L = mean((prediction − target)²)} over every element (batch, steps and outputs), the book's
 * {@code tf.reduce_mean(tf.square(outputs - y))}; dL/dPrediction = 2·(prediction − target)/N.
 * Works for any head whose prediction has the target's shape.
 */
public final class MeanSquaredError implements Loss {

    @Override
    public LossResult evaluate(INDArray prediction, INDArray target) {
        if (!Arrays.equals(prediction.shape(), target.shape())
                || prediction.dataType() != target.dataType()) {
            throw new IllegalArgumentException(
                    String.format(
                            "MSE needs prediction and target of one shape and type, got %s%s and"
                                + " %s%s",
                            prediction.dataType(),
                            Arrays.toString(prediction.shape()),
                            target.dataType(),
                            Arrays.toString(target.shape())));
        }
        long n = prediction.length();
        INDArray diff = prediction.sub(target);
        double norm = diff.norm2Number().doubleValue();
        double value = norm * norm / n;
        return new LossResult(value, diff.muli(2.0 / n));
    }
}
