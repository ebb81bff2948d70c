package io.statecast.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

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

class DenseHeadTest {

    private static final int BATCH = 3;
    private static final int STEPS = 4;
    private static final int HIDDEN = 5;
    private static final int HORIZON = 2;

    @ParameterizedTest
    @EnumSource(HeadType.class)
    void gradientsMatchFiniteDifferences(HeadType type) {
        DenseHead head = DenseHead.initialise(type, HIDDEN, HORIZON, DataType.DOUBLE, 7);
        head.parameters().get(Head.BIAS).assign(Nd4j.rand(DataType.DOUBLE, 1, head.outputSize()));
        INDArray hidden = hiddenFor(head, 11);
        INDArray upstream = Nd4j.randn(DataType.DOUBLE, head.forward(hidden).shape());
        // L = sum(output ⊙ upstream), so dL/dOutput = upstream.
        DoubleSupplier loss = () -> head.forward(hidden).mul(upstream).sumNumber().doubleValue();
        Map<String, INDArray> gradients = new HashMap<>();
        INDArray dHidden = head.backward(hidden, upstream, gradients);

        NumericGradient.assertMatches("dHidden", hidden, dHidden, loss);
        NumericGradient.assertMatches(
                Head.WEIGHT, head.parameters().get(Head.WEIGHT), gradients.get(Head.WEIGHT), loss);
        NumericGradient.assertMatches(
                Head.BIAS, head.parameters().get(Head.BIAS), gradients.get(Head.BIAS), loss);
    }

    @ParameterizedTest
    @EnumSource(HeadType.class)
    void shapesFollowTheHeadType(HeadType type) {
        DenseHead head = DenseHead.initialise(type, HIDDEN, HORIZON, DataType.FLOAT, 1);
        int out =
                switch (type) {
                    case PER_STEP, LAST_STEP -> 1;
                    case MULTI_HORIZON -> HORIZON;
                    case GAUSSIAN -> 2 * HORIZON;
                };
        assertThat(head.outputSize()).isEqualTo(out);
        assertThat(head.perStep()).isEqualTo(type == HeadType.PER_STEP);
        INDArray output = head.forward(hiddenFor(head, 2));
        assertThat(output.shape())
                .isEqualTo(
                        type == HeadType.PER_STEP
                                ? new long[] {BATCH, STEPS, 1}
                                : new long[] {BATCH, out});
        assertThat(output.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void perStepProjectsEveryStepLikeTheLastStepHeadDoesOne() {
        DenseHead perStep = DenseHead.initialise(HeadType.PER_STEP, HIDDEN, 1, DataType.DOUBLE, 3);
        DenseHead lastStep = DenseHead.fromParameters(HeadType.LAST_STEP, perStep.parameters());
        perStep.parameters().get(Head.BIAS).assign(0.25);
        INDArray sequence = Nd4j.randn(DataType.DOUBLE, BATCH, STEPS, HIDDEN);
        INDArray projected = perStep.forward(sequence);
        for (int t = 0; t < STEPS; t++) {
            INDArray step = sequence.get(all(), point(t), all()).dup();
            INDArray expected = step.mmul(perStep.parameters().get(Head.WEIGHT)).addi(0.25);
            assertThat(lastStep.forward(step).equalsWithEps(expected, 1e-12)).isTrue();
            assertThat(projected.get(all(), point(t), all()).equalsWithEps(expected, 1e-12))
                    .isTrue();
        }
    }

    @Test
    void forwardIntoABufferWritesTheBufferAndRejectsAWrongOne() {
        DenseHead head = DenseHead.initialise(HeadType.PER_STEP, HIDDEN, 1, DataType.FLOAT, 5);
        INDArray hidden = Nd4j.randn(DataType.FLOAT, BATCH, STEPS, HIDDEN);
        INDArray buffer = Nd4j.create(DataType.FLOAT, BATCH, STEPS, 1);
        head.forward(hidden, buffer);
        assertThat(buffer.equalsWithEps(head.forward(hidden), 1e-6)).isTrue();
        assertThatThrownBy(() -> head.forward(hidden, Nd4j.create(DataType.FLOAT, BATCH, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 4, 1]");
        assertThatThrownBy(() -> head.forward(Nd4j.create(DataType.FLOAT, BATCH, HIDDEN)))
                .hasMessageContaining("expects hidden FLOAT[batch, steps, 5], got FLOAT[3, 5]");
        assertThatThrownBy(() -> head.forward(Nd4j.create(DataType.DOUBLE, BATCH, STEPS, HIDDEN)))
                .hasMessageContaining("expects hidden FLOAT[batch, steps, 5], got DOUBLE[3, 4, 5]");
    }

    @Test
    void initialisationIsSeeded() {
        INDArray a =
                DenseHead.initialise(HeadType.GAUSSIAN, HIDDEN, 3, DataType.FLOAT, 42)
                        .parameters()
                        .get(Head.WEIGHT);
        INDArray b =
                DenseHead.initialise(HeadType.GAUSSIAN, HIDDEN, 3, DataType.FLOAT, 42)
                        .parameters()
                        .get(Head.WEIGHT);
        INDArray c =
                DenseHead.initialise(HeadType.GAUSSIAN, HIDDEN, 3, DataType.FLOAT, 43)
                        .parameters()
                        .get(Head.WEIGHT);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        double limit = Math.sqrt(6.0 / (HIDDEN + 6));
        assertThat(a.amaxNumber().doubleValue())
                .isLessThanOrEqualTo(limit)
                .isGreaterThan(limit / 4);
    }

    @Test
    void rejectsParametersThatDoNotFitTheType() {
        assertThatThrownBy(() -> wrap(HeadType.LAST_STEP, new long[] {5, 2}, new long[] {1, 2}))
                .hasMessageContaining("LAST_STEP head cannot have 2");
        assertThatThrownBy(() -> wrap(HeadType.GAUSSIAN, new long[] {5, 3}, new long[] {1, 3}))
                .hasMessageContaining("2·horizon");
        assertThatThrownBy(() -> wrap(HeadType.MULTI_HORIZON, new long[] {5, 3}, new long[] {3}))
                .hasMessageContaining("head.b must be [1, 3]");
        assertThatThrownBy(
                        () -> DenseHead.initialise(HeadType.MULTI_HORIZON, 5, 0, DataType.FLOAT, 1))
                .hasMessageContaining("horizon must be >= 1");
        assertThatThrownBy(() -> DenseHead.fromParameters(HeadType.LAST_STEP, Map.of()))
                .hasMessageContaining("lack head.W");
    }

    private static DenseHead wrap(HeadType type, long[] weightShape, long[] biasShape) {
        return new DenseHead(
                type,
                Nd4j.create(DataType.FLOAT, weightShape),
                Nd4j.create(DataType.FLOAT, biasShape));
    }

    private static INDArray hiddenFor(Head head, long seed) {
        Nd4j.getRandom().setSeed(seed);
        long[] shape =
                head.perStep() ? new long[] {BATCH, STEPS, HIDDEN} : new long[] {BATCH, HIDDEN};
        return Nd4j.randn(DataType.DOUBLE, shape)
                .castTo(head.parameters().get(Head.WEIGHT).dataType());
    }
}
