package io.statecast.model.unroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.model.cell.Activation;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackStep;
import io.statecast.model.layer.StackedRnn;
import io.statecast.schemas.CellType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Manual stepping, static unroll and dynamic unroll give identical numbers. */
class UnrollEquivalenceTest {

    private static final int BATCH = 4;
    private static final int STEPS = 5;

    static Stream<Arguments> configs() {
        List<Arguments> list = new ArrayList<>();
        for (int layers = 1; layers <= 2; layers++) {
            list.add(Arguments.of(new RnnConfig(CellType.RNN, Activation.TANH, 3, 6, layers)));
            list.add(Arguments.of(new RnnConfig(CellType.RNN, Activation.RELU, 3, 6, layers)));
            list.add(Arguments.of(new RnnConfig(CellType.LSTM, Activation.TANH, 3, 6, layers)));
            list.add(Arguments.of(new RnnConfig(CellType.GRU, Activation.TANH, 3, 6, layers)));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void manualStaticAndDynamicAgree(RnnConfig config) {
        StackedRnn rnn = new StackedRnn(config);
        Map<String, INDArray> params = rnn.initParams(DataType.FLOAT, StackedRnn.DEFAULT_SEED);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, STEPS, config.inputSize());
        List<INDArray> perStep = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            perStep.add(slice(x, t).dup());
        }

        StackState manual = rnn.zeroState(BATCH, DataType.FLOAT);
        List<INDArray> manualOut = new ArrayList<>();
        for (INDArray xt : perStep) {
            StackStep s = rnn.step(params, xt, manual);
            manualOut.add(s.output());
            manual = s.state();
        }
        StaticUnroll.Result st = new StaticUnroll(rnn).run(params, perStep, null);
        UnrollCache dyn = new DynamicUnroll(rnn).forward(params, x, null);

        for (int t = 0; t < STEPS; t++) {
            assertThat(st.outputs().get(t)).isEqualTo(manualOut.get(t));
            assertThat(slice(dyn.outputs(), t)).isEqualTo(manualOut.get(t));
        }
        for (int l = 0; l < config.layers(); l++) {
            assertThat(dyn.finalState().layer(l)).isEqualTo(manual.layer(l));
            assertThat(st.finalState().layer(l)).isEqualTo(manual.layer(l));
        }
        assertThat(dyn.finalState().topHidden()).isEqualTo(slice(dyn.outputs(), STEPS - 1));
        assertThat(dyn.outputs().amaxNumber().doubleValue()).isGreaterThan(0.01);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sequenceLengthsFreezeStateAndZeroOutputs(RnnConfig config) {
        StackedRnn rnn = new StackedRnn(config);
        DynamicUnroll unroll = new DynamicUnroll(rnn);
        Map<String, INDArray> params = rnn.initParams(DataType.FLOAT, 5);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, STEPS, config.inputSize());
        int[] lengths = {STEPS, 3, 0, 1};
        UnrollCache masked = unroll.forward(params, x, null, lengths);
        for (int b = 0; b < BATCH; b++) {
            INDArray row = x.get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.all(),
                    NDArrayIndex.all());
            StackState expected = rnn.zeroState(1, DataType.FLOAT);
            if (lengths[b] > 0) {
                INDArray prefix = row.get(NDArrayIndex.all(),
                        NDArrayIndex.interval(0, lengths[b]), NDArrayIndex.all()).dup();
                UnrollCache alone = unroll.forward(params, prefix, null);
                expected = alone.finalState();
                INDArray got = masked.outputs().get(NDArrayIndex.interval(b, b + 1),
                        NDArrayIndex.interval(0, lengths[b]), NDArrayIndex.all());
                assertThat(maxDiff(got, alone.outputs())).isLessThan(1e-6);
            }
            for (int t = lengths[b]; t < STEPS; t++) {
                assertThat(masked.outputs().get(NDArrayIndex.point(b), NDArrayIndex.point(t),
                        NDArrayIndex.all()).amaxNumber().doubleValue())
                        .isZero();
            }
            for (int l = 0; l < config.layers(); l++) {
                INDArray h = masked.finalState().layer(l).h().getRow(b, true);
                assertThat(maxDiff(h, expected.layer(l).h())).isLessThan(1e-6);
                if (config.hasMemoryCell()) {
                    INDArray c = masked.finalState().layer(l).c().getRow(b, true);
                    assertThat(maxDiff(c, expected.layer(l).c())).isLessThan(1e-6);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void rejectsBadLengths(RnnConfig config) {
        StackedRnn rnn = new StackedRnn(config);
        Map<String, INDArray> params = rnn.initParams(DataType.FLOAT, 1);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 3, config.inputSize());
        DynamicUnroll unroll = new DynamicUnroll(rnn);
        assertThatThrownBy(() -> unroll.forward(params, x, null, new int[] {1}))
                .hasMessageContaining("one sequence length per row");
        assertThatThrownBy(() -> unroll.forward(params, x, null, new int[] {1, 4}))
                .hasMessageContaining("must be in [0, 3]");
    }

    private static INDArray slice(INDArray m, int t) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.reshape(a.length()).sub(b.reshape(b.length())).amaxNumber().doubleValue();
    }
}
