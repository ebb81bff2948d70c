package io.statecast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.model.cell.Activation;
import io.statecast.model.cell.CellState;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackedRnn;
import io.statecast.model.unroll.DynamicUnroll;
import io.statecast.model.unroll.UnrollCache;
import io.statecast.schemas.CellType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The engine reproduces the dynamic unroll, on both step paths, rows beyond B untouched. */
class BatchedRnnEngineTest {

    private static final int CAPACITY = 2 * EngineLayer.CHUNK + 8;
    private static final int STEPS = 5;
    private static final int INPUTS = 2;
    private static final int HIDDEN = 8;
    private static final double TOLERANCE = 2e-5;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (int layers = 1; layers <= 2; layers++) {
            for (int batch : new int[] {BatchedRnnEngine.SMALL_BATCH - 1, CAPACITY - 3}) {
                list.add(Arguments.of(new RnnConfig(CellType.RNN, Activation.TANH, INPUTS,
                        HIDDEN, layers), batch));
                list.add(Arguments.of(new RnnConfig(CellType.RNN, Activation.RELU, INPUTS,
                        HIDDEN, layers), batch));
                list.add(Arguments.of(RnnConfig.of(CellType.LSTM, INPUTS, HIDDEN, layers), batch));
                list.add(Arguments.of(RnnConfig.of(CellType.GRU, INPUTS, HIDDEN, layers), batch));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} B={1}")
    @MethodSource("cases")
    void matchesDynamicUnroll(RnnConfig config, int batch) {
        StackedRnn rnn = new StackedRnn(config);
        Map<String, INDArray> params = rnn.initParams(DataType.FLOAT, 9);
        Random random = new Random(batch * 31L + config.layers());
        float[][] states = new float[CAPACITY][config.stateSize()];
        for (float[] s : states) {
            fill(random, s);
        }
        float[] x = new float[batch * STEPS * INPUTS];
        fill(random, x);

        BatchedRnnEngine engine = new BatchedRnnEngine(config, params, CAPACITY, STEPS);
        for (int r = 0; r < CAPACITY; r++) {
            engine.gather(r, states[r]);
        }
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < 2; t++) {
                for (int f = 0; f < INPUTS; f++) {
                    engine.setInput(b, t, f, x[(b * STEPS + t) * INPUTS + f]);
                }
            }
        }
        // Two runs (2 then 3 steps) must continue the state like one run of 5.
        engine.run(batch, 2);
        float[][] firstOutputs = new float[batch * 2][HIDDEN];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < 2; t++) {
                engine.readOutput(b, t, firstOutputs[b * 2 + t], 0);
            }
            for (int t = 0; t < 3; t++) {
                for (int f = 0; f < INPUTS; f++) {
                    engine.setInput(b, t, f, x[(b * STEPS + t + 2) * INPUTS + f]);
                }
            }
        }
        engine.run(batch, 3);

        UnrollCache ref = new DynamicUnroll(rnn).forward(params,
                Nd4j.create(x, new long[] {batch, STEPS, INPUTS}, 'c'),
                initialState(config, states, batch));
        float[] got = new float[HIDDEN];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < STEPS; t++) {
                float[] out = t < 2 ? firstOutputs[b * 2 + t] : got;
                if (t >= 2) {
                    engine.readOutput(b, t - 2, got, 0);
                }
                for (int j = 0; j < HIDDEN; j++) {
                    assertThat((double) out[j]).as("row %d step %d unit %d", b, t, j)
                            .isCloseTo(ref.outputs().getDouble(b, t, j),
                                    org.assertj.core.data.Offset.offset(TOLERANCE));
                }
            }
            float[] state = new float[config.stateSize()];
            engine.scatter(b, state);
            assertClose(state, expectedState(config, ref.finalState(), b));
            engine.readLastHidden(b, got, 0);
            assertClose(got, ref.finalState().topHidden().getRow(b).toFloatVector());
        }
        for (int r = batch; r < CAPACITY; r++) {
            float[] untouched = new float[config.stateSize()];
            engine.scatter(r, untouched);
            assertThat(untouched).as("row %d beyond the batch", r).containsExactly(states[r]);
        }
    }

    @ParameterizedTest(name = "{0} B={1}")
    @MethodSource("cases")
    void stepsDoNotAllocate(RnnConfig config, int batch) {
        BatchedRnnEngine engine = new BatchedRnnEngine(config,
                new StackedRnn(config).initParams(DataType.FLOAT, 1), CAPACITY, STEPS);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200; i++) {
            engine.run(batch, STEPS);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200; i++) {
            engine.run(batch, STEPS);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 1000 steps").isLessThan(1024);
    }

    @ParameterizedTest(name = "{0} B={1}")
    @MethodSource("cases")
    void validatesArguments(RnnConfig config, int batch) {
        BatchedRnnEngine engine = new BatchedRnnEngine(config,
                new StackedRnn(config).initParams(DataType.FLOAT, 1), CAPACITY, STEPS);
        assertThatThrownBy(() -> engine.run(CAPACITY + 1, 1)).hasMessageContaining("batch");
        assertThatThrownBy(() -> engine.run(batch, STEPS + 1)).hasMessageContaining("steps");
        assertThatThrownBy(() -> engine.gather(0, new float[1]))
                .hasMessageContaining(config.stateSize() + " floats");
        assertThatThrownBy(() -> engine.scatter(CAPACITY, new float[config.stateSize()]))
                .hasMessageContaining("row must be in");
        assertThatThrownBy(() -> engine.setInput(0, 0, INPUTS, 1f))
                .hasMessageContaining("feature must be in");
        assertThatThrownBy(() -> engine.readOutput(0, STEPS, new float[HIDDEN], 0))
                .hasMessageContaining("step must be in");
    }

    @Test
    void anEngineWithoutOutputsEndsInTheSameStateAndRefusesToReadOutputs() {
        RnnConfig config = RnnConfig.of(CellType.LSTM, INPUTS, HIDDEN, 2);
        Map<String, INDArray> params = new StackedRnn(config).initParams(DataType.FLOAT, 3);
        BatchedRnnEngine keeping = new BatchedRnnEngine(config, params, CAPACITY, STEPS);
        BatchedRnnEngine lean = new BatchedRnnEngine(config, params, CAPACITY, STEPS, false);
        Random random = new Random(5);
        float[] x = new float[CAPACITY * STEPS * INPUTS];
        fill(random, x);
        for (BatchedRnnEngine engine : new BatchedRnnEngine[] {keeping, lean}) {
            System.arraycopy(x, 0, engine.inputs(), 0, x.length);
            engine.run(CAPACITY, STEPS);
        }
        float[] kept = new float[HIDDEN];
        float[] last = new float[HIDDEN];
        for (int r = 0; r < CAPACITY; r++) {
            keeping.readOutput(r, STEPS - 1, kept, 0);
            lean.readLastHidden(r, last, 0);
            assertThat(last).containsExactly(kept);
        }
        assertThatThrownBy(() -> lean.readOutput(0, 0, kept, 0)).hasMessageContaining("keepOutputs");
    }

    private static void fill(Random random, float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
    }

    private static StackState initialState(RnnConfig config, float[][] states, int batch) {
        int h = config.hiddenSize();
        int per = config.hasMemoryCell() ? 2 * h : h;
        List<CellState> layers = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            float[] hs = new float[batch * h];
            float[] cs = new float[batch * h];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(states[b], l * per, hs, b * h, h);
                if (config.hasMemoryCell()) {
                    System.arraycopy(states[b], l * per + h, cs, b * h, h);
                }
            }
            layers.add(new CellState(Nd4j.create(hs, new long[] {batch, h}, 'c'),
                    config.hasMemoryCell() ? Nd4j.create(cs, new long[] {batch, h}, 'c') : null));
        }
        return new StackState(layers);
    }

    private static float[] expectedState(RnnConfig config, StackState s, int row) {
        float[] out = new float[config.stateSize()];
        int offset = 0;
        for (CellState layer : s.layers()) {
            float[] h = layer.h().getRow(row).toFloatVector();
            System.arraycopy(h, 0, out, offset, h.length);
            offset += h.length;
            if (layer.hasC()) {
                float[] c = layer.c().getRow(row).toFloatVector();
                System.arraycopy(c, 0, out, offset, c.length);
                offset += c.length;
            }
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("index %d", i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }
}
