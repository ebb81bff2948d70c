package io.statecast.model.loss;

import io.statecast.model.head.GaussianOutput;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Negative log-likelihood of targets {@code [batch, h]} under the independent normals a GAUSSIAN
 * head predicts ({@code [batch, 2h]}: means μ, then log-variances s):
 * {@code L = mean over batch and horizon of 0.5·(s + (y − μ)²·e^(−s)) + 0.5·ln(2π)}.
 *
 * <p>The constant makes the value the true NLL per point (PyTorch's GaussianNLLLoss with
 * {@code full=True}); it does not change the gradient. s is clamped to
 * [{@link GaussianOutput#MIN_LOG_VARIANCE}, {@link GaussianOutput#MAX_LOG_VARIANCE}] first and, like
 * {@code torch.clamp}, passes no gradient to log-variances outside that range.
 */
public final class GaussianNegativeLogLikelihood implements Loss {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    @Override
    public LossResult evaluate(INDArray prediction, INDArray target) {
        long h = GaussianOutput.horizon(prediction);
        if (!Arrays.equals(target.shape(), new long[] {prediction.size(0), h})
                || prediction.dataType() != target.dataType()) {
            throw new IllegalArgumentException(
                    String.format(
                            "Gaussian NLL needs targets %s[%d, %d] for a prediction %s, got %s%s",
                            prediction.dataType(),
                            prediction.size(0),
                            h,
                            Arrays.toString(prediction.shape()),
                            target.dataType(),
                            Arrays.toString(target.shape())));
        }
        double n = target.length();
        INDArray logVariance = GaussianOutput.logVariances(prediction);
        INDArray clamped = GaussianOutput.clampedLogVariances(prediction);
        INDArray inverseVariance = Transforms.exp(clamped.neg(), false);
        INDArray error = GaussianOutput.means(prediction).sub(target);
        INDArray scaledSquare = error.mul(error).muli(inverseVariance);
        double value =
                0.5
                                * (clamped.sumNumber().doubleValue()
                                        + scaledSquare.sumNumber().doubleValue())
                                / n
                        + HALF_LOG_TWO_PI;

        INDArray gradient = Nd4j.create(prediction.dataType(), prediction.shape(), 'c');
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h))
                .assign(error.muli(inverseVariance).muli(1.0 / n));
        INDArray inRange =
                logVariance
                        .gte(GaussianOutput.MIN_LOG_VARIANCE)
                        .castTo(prediction.dataType())
                        .muli(
                                logVariance
                                        .lte(GaussianOutput.MAX_LOG_VARIANCE)
                                        .castTo(prediction.dataType()));
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h))
                .assign(scaledSquare.rsubi(1.0).muli(0.5 / n).muli(inRange));
        return new LossResult(value, gradient);
    }
}
