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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient checks of each loss alone and composed with the head it trains. */
class LossGradientTest {

    private static final int BATCH = 3;
    private static final int HIDDEN = 4;

    @Test
    void mseGradientMatchesFiniteDifferences() {
        INDArray prediction = Nd4j.randn(DataType.DOUBLE, BATCH, 5, 1);
        INDArray target = Nd4j.randn(DataType.DOUBLE, BATCH, 5, 1);
        Loss loss = new MeanSquaredError();
        NumericGradient.assertMatches(
                "dPrediction",
                prediction,
                loss.evaluate(prediction, target).gradient(),
                () -> loss.evaluate(prediction, target).value());
    }

    @Test
    void gaussianGradientMatchesFiniteDifferences() {
        INDArray prediction = Nd4j.randn(DataType.DOUBLE, BATCH, 6);
        INDArray target = Nd4j.randn(DataType.DOUBLE, BATCH, 3);
        Loss loss = new GaussianNegativeLogLikelihood();
        NumericGradient.assertMatches(
                "dPrediction",
                prediction,
                loss.evaluate(prediction, target).gradient(),
                () -> loss.evaluate(prediction, target).value());
    }

    @Test
    void perStepHeadWithMseMatchesFiniteDifferences() {
        DenseHead head = DenseHead.initialise(HeadType.PER_STEP, HIDDEN, 1, DataType.DOUBLE, 5);
        checkComposed(
                head,
                Nd4j.randn(DataType.DOUBLE, BATCH, 6, HIDDEN),
                Nd4j.randn(DataType.DOUBLE, BATCH, 6, 1),
                new MeanSquaredError());
    }

    @Test
    void multiHorizonHeadWithMseMatchesFiniteDifferences() {
        DenseHead head =
                DenseHead.initialise(HeadType.MULTI_HORIZON, HIDDEN, 3, DataType.DOUBLE, 6);
        checkComposed(
                head,
                Nd4j.randn(DataType.DOUBLE, BATCH, HIDDEN),
                Nd4j.randn(DataType.DOUBLE, BATCH, 3),
                new MeanSquaredError());
    }

    @Test
    void gaussianHeadWithNllMatchesFiniteDifferences() {
        DenseHead head = DenseHead.initialise(HeadType.GAUSSIAN, HIDDEN, 2, DataType.DOUBLE, 8);
        checkComposed(
                head,
                Nd4j.randn(DataType.DOUBLE, BATCH, HIDDEN),
                Nd4j.randn(DataType.DOUBLE, BATCH, 2),
                new GaussianNegativeLogLikelihood());
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
