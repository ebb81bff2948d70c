package io.statecast.model.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.head.DenseHead;
import io.statecast.model.head.Head;
import io.statecast.model.head.NumericGradient;
import io.statecast.schemas.HeadType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient checks of each loss alone and composed with the head it trains. */
class LossGradientTest {

    private static final int BATCH = 3;
    private static final int HIDDEN = 4;

    @Test
    void mseGradientMatchesFiniteDifferences() {
        checkLoss(
                new MeanSquaredError(),
                Nd4j.randn(DataType.DOUBLE, BATCH, 5, 1),
                Nd4j.randn(DataType.DOUBLE, BATCH, 5, 1));
    }

    @Test
    void gaussianGradientMatchesFiniteDifferences() {
        checkLoss(
                new GaussianNegativeLogLikelihood(),
                Nd4j.randn(DataType.DOUBLE, BATCH, 6),
                Nd4j.randn(DataType.DOUBLE, BATCH, 3));
    }

    /** Each head with the loss it trains with: Gaussian NLL for GAUSSIAN, MSE otherwise. */
    @ParameterizedTest
    @EnumSource(HeadType.class)
    void headWithItsLossMatchesFiniteDifferences(HeadType type) {
        int horizon = 3;
        DenseHead head = DenseHead.initialise(type, HIDDEN, horizon, DataType.DOUBLE, 5);
        boolean gaussian = type == HeadType.GAUSSIAN;
        long[] hidden = head.perStep() ? new long[] {BATCH, 6, HIDDEN} : new long[] {BATCH, HIDDEN};
        long[] target =
                head.perStep()
                        ? new long[] {BATCH, 6, 1}
                        : new long[] {BATCH, gaussian ? horizon : head.outputSize()};
        checkComposed(
                head,
                Nd4j.randn(DataType.DOUBLE, hidden),
                Nd4j.randn(DataType.DOUBLE, target),
                gaussian ? new GaussianNegativeLogLikelihood() : new MeanSquaredError());
    }

    @Test
    void valuesMatchHandComputedOnes() {
        INDArray prediction = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray target = Nd4j.create(new double[][] {{0, 2}, {3, 1}});
        assertThat(new MeanSquaredError().evaluate(prediction, target).value())
                .isCloseTo(2.5, within(1e-12));

        // μ = 1, log σ² = ln 4, y = 3: 0.5·(ln 4 + 4/4) + 0.5·ln 2π
        INDArray gaussian = Nd4j.create(new double[][] {{1, Math.log(4)}});
        double expected = 0.5 * (Math.log(4) + 1) + 0.5 * Math.log(2 * Math.PI);
        assertThat(
                        new GaussianNegativeLogLikelihood()
                                .evaluate(gaussian, Nd4j.create(new double[][] {{3}}))
                                .value())
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void clampedLogVariancesGetNoGradientAndAFiniteLoss() {
        INDArray prediction = Nd4j.create(new double[][] {{0, 0, -100, 100}});
        INDArray target = Nd4j.create(new double[][] {{1, 1}});
        LossResult result = new GaussianNegativeLogLikelihood().evaluate(prediction, target);
        assertThat(result.value()).isFinite();
        assertThat(result.gradient().getDouble(0, 2)).isZero();
        assertThat(result.gradient().getDouble(0, 3)).isZero();
        assertThat(result.gradient().getDouble(0, 0)).isFinite().isNegative();
    }

    @Test
    void mismatchedShapesAreRejected() {
        INDArray prediction = Nd4j.create(DataType.DOUBLE, 2, 4);
        assertThatThrownBy(
                        () ->
                                new GaussianNegativeLogLikelihood()
                                        .evaluate(prediction, Nd4j.create(DataType.DOUBLE, 2, 4)))
                .hasMessageContaining("targets DOUBLE[2, 2]");
        assertThatThrownBy(
                        () ->
                                new MeanSquaredError()
                                        .evaluate(prediction, Nd4j.create(DataType.FLOAT, 2, 4)))
                .hasMessageContaining("one shape and type");
    }

    private static void checkLoss(Loss loss, INDArray prediction, INDArray target) {
        NumericGradient.assertMatches(
                "dPrediction",
                prediction,
                loss.evaluate(prediction, target).gradient(),
                () -> loss.evaluate(prediction, target).value());
    }

    private static void checkComposed(Head head, INDArray hidden, INDArray target, Loss loss) {
        head.parameters().get(Head.BIAS).assign(Nd4j.randn(DataType.DOUBLE, 1, head.outputSize()));
        DoubleSupplier value = () -> loss.evaluate(head.forward(hidden), target).value();
        Map<String, INDArray> gradients = new HashMap<>();
        INDArray dHidden =
                head.backward(
                        hidden, loss.evaluate(head.forward(hidden), target).gradient(), gradients);
        NumericGradient.assertMatches("dHidden", hidden, dHidden, value);
        for (Map.Entry<String, INDArray> parameter : head.parameters().entrySet()) {
            NumericGradient.assertMatches(
                    parameter.getKey(),
                    parameter.getValue(),
                    gradients.get(parameter.getKey()),
                    value);
        }
    }
}
