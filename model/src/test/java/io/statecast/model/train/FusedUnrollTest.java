package io.statecast.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.cell.Activation;
import io.statecast.model.cell.CellState;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackState;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The FLOAT network (fused kernels) gives the DOUBLE reference network's (DynamicUnroll, gradient-
 * checked) loss, outputs, final states and every gradient, from a random initial state, to float
 * precision.
 */
class FusedUnrollTest {

    @ParameterizedTest(name = "{0} {1} layers={2} {3}")
    @CsvSource({
        "RNN, TANH, 1, PER_STEP", "RNN, RELU, 2, LAST_STEP", "LSTM, TANH, 1, LAST_STEP",
        "LSTM, TANH, 2, PER_STEP", "GRU, TANH, 1, GAUSSIAN", "GRU, TANH, 2, LAST_STEP"})
    void fusedFloatMatchesTheDoubleReference(CellType cell, Activation activation, int layers,
            HeadType head) {
        int batch = 6;
        int steps = 5;
        int horizon = head == HeadType.GAUSSIAN ? 2 : 1;
        RnnConfig config = new RnnConfig(cell, activation, 2, 7, layers);
        SequenceNetwork reference = SequenceNetwork.initialise(config, head, horizon,
                DataType.DOUBLE, 3);
        Map<String, INDArray> floatParams = new LinkedHashMap<>();
        reference.parameters().forEach((k, v) -> floatParams.put(k, v.castTo(DataType.FLOAT)));
        SequenceNetwork fused = new SequenceNetwork(config, head, floatParams);

        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.randn(DataType.DOUBLE, batch, steps, 2);
        INDArray target = head == HeadType.PER_STEP ? Nd4j.randn(DataType.DOUBLE, batch, steps, 1)
                : Nd4j.randn(DataType.DOUBLE, batch, horizon);
        StackState initial = randomState(config, batch);

        Map<String, INDArray> expected = new LinkedHashMap<>();
        double expectedLoss = reference.lossAndGradients(x, initial, target, expected);
        Map<String, INDArray> actual = new LinkedHashMap<>();
        double actualLoss = fused.lossAndGradients(x.castTo(DataType.FLOAT), cast(initial),
                target.castTo(DataType.FLOAT), actual);

        assertThat(actualLoss).isCloseTo(expectedLoss, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String name : expected.keySet()) {
            assertThat(maxDiff(actual.get(name), expected.get(name)))
                    .as("gradient of %s", name).isLessThan(1e-5);
        }
        StackState want = reference.finalState(x, initial);
        StackState got = fused.finalState(x.castTo(DataType.FLOAT), cast(initial));
        for (int l = 0; l < layers; l++) {
            assertThat(maxDiff(got.layer(l).h(), want.layer(l).h())).isLessThan(1e-5);
            if (want.layer(l).hasC()) {
                assertThat(maxDiff(got.layer(l).c(), want.layer(l).c())).isLessThan(1e-5);
            }
        }
        assertThat(maxDiff(fused.forwardHead(x.castTo(DataType.FLOAT), cast(initial)),
                reference.forwardHead(x, initial))).isLessThan(1e-5);
    }

    private static StackState randomState(RnnConfig config, int batch) {
        List<CellState> layers = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            layers.add(new CellState(Nd4j.randn(DataType.DOUBLE, batch, config.hiddenSize()),
                    config.hasMemoryCell()
                            ? Nd4j.randn(DataType.DOUBLE, batch, config.hiddenSize()) : null));
        }
        return new StackState(layers);
    }

    private static StackState cast(StackState s) {
        List<CellState> layers = new ArrayList<>();
        for (CellState c : s.layers()) {
            layers.add(new CellState(c.h().castTo(DataType.FLOAT),
                    c.hasC() ? c.c().castTo(DataType.FLOAT) : null));
        }
        return new StackState(layers);
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)))
                .maxNumber().doubleValue();
    }
}
