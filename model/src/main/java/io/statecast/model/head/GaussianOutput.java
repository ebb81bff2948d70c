package io.statecast.model.head;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Reads a GAUSSIAN head's output {@code [batch, 2h]}: columns {@code 0..h-1} are the means,
 * {@code h..2h-1} the log-variances, in scaled units. Turns them into central prediction intervals
 * {@code mean ± z·σ}.
 *
 * <p>Log-variances are clamped to [{@value #MIN_LOG_VARIANCE}, {@value #MAX_LOG_VARIANCE}] here
 * and in the Gaussian loss, so σ² stays in about [8e-7, 1.2e6]: the lower bound is PyTorch's
 * GaussianNLLLoss floor (σ² ≥ 1e-6) and stops the loss from rewarding a collapsed variance on
 * standardised data; the upper bound keeps exp() finite in FLOAT.
 */
public final class GaussianOutput {

    /** z of a central 80 % interval (the 0.9 quantile of the standard normal). */
    public static final double Z_80 = 1.2815515655446004;

    /** z of a central 95 % interval (the 0.975 quantile of the standard normal). */
    public static final double Z_95 = 1.959963984540054;

    /** Smallest log-variance used; lower predictions are raised to it. */
    public static final double MIN_LOG_VARIANCE = -14.0;

    /** Largest log-variance used; higher predictions are lowered to it. */
    public static final double MAX_LOG_VARIANCE = 14.0;

    private GaussianOutput() {}

    /** The means {@code [batch, h]} (a view of {@code output}). */
    public static INDArray means(INDArray output) {
        return output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, horizon(output)));
    }

    /** The raw (unclamped) log-variances {@code [batch, h]} (a view of {@code output}). */
    public static INDArray logVariances(INDArray output) {
        long h = horizon(output);
        return output.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
    }

    /**
     * The log-variances clamped to [{@value #MIN_LOG_VARIANCE}, {@value #MAX_LOG_VARIANCE}], as a
     * new {@code [batch, h]} array.
     */
    public static INDArray clampedLogVariances(INDArray output) {
        return Transforms.min(
                Transforms.max(logVariances(output), MIN_LOG_VARIANCE, true),
                MAX_LOG_VARIANCE,
                false);
    }

    /** Standard deviations {@code exp(clamp(logVar) / 2)} as a new {@code [batch, h]} array. */
    public static INDArray standardDeviations(INDArray output) {
        return Transforms.exp(clampedLogVariances(output).muli(0.5), false);
    }

    /** Lower bound {@code mean − z·σ} of the central interval with quantile {@code z}. */
    public static INDArray lower(INDArray output, double z) {
        return bound(output, -checkZ(z));
    }

    /** Upper bound {@code mean + z·σ} of the central interval with quantile {@code z}. */
    public static INDArray upper(INDArray output, double z) {
        return bound(output, checkZ(z));
    }

    /** Horizon h of a GAUSSIAN output {@code [batch, 2h]}. */
    public static long horizon(INDArray output) {
        if (output.rank() != 2 || output.size(1) < 2 || output.size(1) % 2 != 0) {
            throw new IllegalArgumentException(
                    "a GAUSSIAN head output is [batch, 2·horizon], got "
                            + java.util.Arrays.toString(output.shape()));
        }
        return output.size(1) / 2;
    }

    private static INDArray bound(INDArray output, double signedZ) {
        return standardDeviations(output).muli(signedZ).addi(means(output));
    }

    private static double checkZ(double z) {
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException(
                    "z must be a positive finite quantile (e.g. Z_80, Z_95), got " + z);
        }
        return z;
    }
}
