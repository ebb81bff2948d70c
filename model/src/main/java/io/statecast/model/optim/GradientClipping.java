package io.statecast.model.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Gradient clipping by global norm, as TF's {@code tf.clip_by_global_norm}. */
public final class GradientClipping {

    private GradientClipping() {}

    /** sqrt of the sum of squares of every element of every gradient. */
    public static double globalNorm(Map<String, INDArray> gradients) {
        double sumOfSquares = 0;
        for (INDArray gradient : gradients.values()) {
            double norm = gradient.norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        return Math.sqrt(sumOfSquares);
    }

    /**
     * Scales every gradient in place by {@code maxNorm / max(globalNorm, maxNorm)}, so their joint
     * norm is at most {@code maxNorm} and directions are kept.
     *
     * @return the global norm before clipping (worth logging: a rising value signals divergence)
     */
    public static double clipByGlobalNorm(Map<String, INDArray> gradients, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException(
                    "max norm must be positive and finite, got " + maxNorm);
        }
        double norm = globalNorm(gradients);
        if (!Double.isFinite(norm)) {
            throw new IllegalStateException(
                    "gradient global norm is "
                            + norm
                            + "; the loss diverged or the input has non-finite values");
        }
        if (norm > maxNorm) {
            double scale = maxNorm / norm;
            for (INDArray gradient : gradients.values()) {
                gradient.muli(scale);
            }
        }
        return norm;
    }
}
