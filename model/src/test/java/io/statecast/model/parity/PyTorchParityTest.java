package io.statecast.model.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.cell.Activation;
import io.statecast.model.cell.CellState;
import io.statecast.model.engine.BatchedRnnEngine;
import io.statecast.model.head.DenseHead;
import io.statecast.model.interop.GoldenCase;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackStep;
import io.statecast.model.layer.StackedRnn;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.snapshot.SnapshotBuilder;
import io.statecast.model.unroll.DynamicUnroll;
import io.statecast.model.unroll.StaticUnroll;
import io.statecast.model.unroll.UnrollCache;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.HeadType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Our cells, unrolls, head and batched engine against PyTorch 1.13 goldens (rnn / lstm / gru, 1 and
 * 2 layers, random initial states): outputs, final h (and c) per layer and head outputs. Max abs
 * difference: DOUBLE 1e-10; FLOAT, weights through a snapshot (float32) and the engine 1e-5.
 */
class PyTorchParityTest {

    private static final double DOUBLE_TOLERANCE = 1e-10;
    private static final double FLOAT_TOLERANCE = 1e-5;

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.statecast.model.interop.GoldenCase#NAMES")
    void dynamicUnrollAndHeadMatchPyTorchInDouble(String name) {
        GoldenCase g = GoldenCase.load(name);
        assertUnrollMatches(g, g.parameters(), DataType.DOUBLE, DOUBLE_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.statecast.model.interop.GoldenCase#NAMES")
    void dynamicUnrollAndHeadMatchPyTorchInFloat(String name) {
        GoldenCase g = GoldenCase.load(name);
        Map<String, INDArray> params = new LinkedHashMap<>();
        g.parameters().forEach((k, v) -> params.put(k, v.castTo(DataType.FLOAT)));
        assertUnrollMatches(g, params, DataType.FLOAT, FLOAT_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.statecast.model.interop.GoldenCase#NAMES")
    void weightsThroughASnapshotMatchPyTorch(String name) {
        GoldenCase g = GoldenCase.load(name);
        Map<String, INDArray> stored = ModelSnapshots.parameters(SnapshotBuilder
                .forArchitecture(g.architecture()).parameters(g.parameters()).build(),
                DataType.DOUBLE);
        assertUnrollMatches(g, stored, DataType.DOUBLE, FLOAT_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("io.statecast.model.interop.GoldenCase#NAMES")
    void batchedEngineMatchesPyTorch(String name) {
        GoldenCase g = GoldenCase.load(name);
        RnnConfig config = config(g.architecture());
        int batch = (int) g.x().size(0);
        int steps = (int) g.x().size(1);
        int hidden = config.hiddenSize();
        // Each golden row twice: 2·4 rows take the engine's BLAS path, 4 its per-row path.
        for (int copies : new int[] {1, 2}) {
            int rows = copies * batch;
            BatchedRnnEngine engine = new BatchedRnnEngine(config, g.parameters(), rows, steps);
            for (int r = 0; r < rows; r++) {
                engine.gather(r, flatState(g, r % batch));
                for (int t = 0; t < steps; t++) {
                    for (int f = 0; f < config.inputSize(); f++) {
                        engine.setInput(r, t, f, g.x().getFloat(r % batch, t, f));
                    }
                }
            }
            engine.run(rows, steps);
            float[] out = new float[hidden];
            float[] state = new float[config.stateSize()];
            for (int r = 0; r < rows; r++) {
                for (int t = 0; t < steps; t++) {
                    engine.readOutput(r, t, out, 0);
                    assertClose(name + " engine output row " + r + " step " + t, out,
                            g.output().get(NDArrayIndex.point(r % batch), NDArrayIndex.point(t),
                                    NDArrayIndex.all()));
                }
                engine.scatter(r, state);
                assertThat(maxDiff(state, expectedFinalFlat(g, r % batch)))
                        .as("%s engine final state of row %d (per layer h then c)", name, r)
                        .isLessThanOrEqualTo(FLOAT_TOLERANCE);
            }
        }
    }

    @Test
    void lstmFlatStateIsHThenCPerLayerLayerZeroFirst() {
        GoldenCase g = GoldenCase.load("lstm_l2");
        RnnConfig config = config(g.architecture());
        BatchedRnnEngine engine = new BatchedRnnEngine(config, g.parameters(), 1, 1);
        float[] flat = flatState(g, 2);
        engine.gather(0, flat);
        float[] back = new float[flat.length];
        engine.scatter(0, back);
        assertThat(back).containsExactly(flat);
        // The order matters: one step from the flat state equals one step from h0/c0 in PyTorch's
        // [layers, batch, H] layout, which the golden outputs were made from.
        assertThat(flat.length).isEqualTo(2 * 2 * 5);
        assertThat(flat[5]).isEqualTo(g.c0().getFloat(0, 2, 0));
        assertThat(flat[10]).isEqualTo(g.h0().getFloat(1, 2, 0));
        assertThat(flat[15]).isEqualTo(g.c0().getFloat(1, 2, 0));
    }

    @Test
    void staticUnrollAndSingleStepsMatchPyTorch() {
        GoldenCase g = GoldenCase.load("lstm_l2");
        StackedRnn rnn = new StackedRnn(config(g.architecture()));
        List<INDArray> inputs = new ArrayList<>();
        for (int t = 0; t < g.x().size(1); t++) {
            inputs.add(step(g.x(), t));
        }
        StaticUnroll.Result result = new StaticUnroll(rnn).run(g.parameters(), inputs,
                initialState(g, DataType.DOUBLE));
        StackState state = initialState(g, DataType.DOUBLE);
        for (int t = 0; t < inputs.size(); t++) {
            StackStep s = rnn.step(g.parameters(), inputs.get(t), state);
            state = s.state();
            assertThat(maxDiff(result.outputs().get(t), step(g.output(), t)))
                    .isLessThanOrEqualTo(DOUBLE_TOLERANCE);
            assertThat(maxDiff(s.output(), step(g.output(), t)))
                    .isLessThanOrEqualTo(DOUBLE_TOLERANCE);
        }
        assertFinalState(g, result.finalState(), DOUBLE_TOLERANCE);
        assertFinalState(g, state, DOUBLE_TOLERANCE);
    }

    private static void assertUnrollMatches(GoldenCase g, Map<String, INDArray> params,
            DataType type, double tolerance) {
        StackedRnn rnn = new StackedRnn(config(g.architecture()));
        UnrollCache cache = new DynamicUnroll(rnn).forward(params, g.x().castTo(type),
                initialState(g, type));
        assertThat(maxDiff(cache.outputs(), g.output())).as(g.name() + " outputs")
                .isLessThanOrEqualTo(tolerance);
        assertFinalState(g, cache.finalState(), tolerance);
        INDArray perStep = DenseHead.fromParameters(HeadType.PER_STEP, params)
                .forward(cache.outputs());
        INDArray lastStep = DenseHead.fromParameters(HeadType.LAST_STEP, params)
                .forward(cache.finalState().topHidden());
        assertThat(maxDiff(perStep, g.headPerStep())).as(g.name() + " per-step head")
                .isLessThanOrEqualTo(tolerance);
        assertThat(maxDiff(lastStep, g.headLastStep())).as(g.name() + " last-step head")
                .isLessThanOrEqualTo(tolerance);
    }

    private static void assertFinalState(GoldenCase g, StackState state, double tolerance) {
        for (int l = 0; l < state.size(); l++) {
            assertThat(maxDiff(state.layer(l).h(), g.hN().slice(l)))
                    .as("%s final h of layer %d", g.name(), l).isLessThanOrEqualTo(tolerance);
            if (g.cN() != null) {
                assertThat(maxDiff(state.layer(l).c(), g.cN().slice(l)))
                        .as("%s final c of layer %d", g.name(), l)
                        .isLessThanOrEqualTo(tolerance);
            }
        }
    }

    private static RnnConfig config(Architecture a) {
        return new RnnConfig(a.getCell(), Activation.parse(a.getActivation()), a.getInputSize(),
                a.getHiddenSize(), a.getLayers());
    }

    /** Layer l of the stack starts from h0[l] (and c0[l]). */
    private static StackState initialState(GoldenCase g, DataType type) {
        List<CellState> layers = new ArrayList<>();
        for (int l = 0; l < g.h0().size(0); l++) {
            layers.add(new CellState(g.h0().slice(l).castTo(type),
                    g.c0() == null ? null : g.c0().slice(l).castTo(type)));
        }
        return new StackState(layers);
    }

    /** Row b's state in the engine's layout: per layer h, then c for LSTM; layer 0 first. */
    private static float[] flatState(GoldenCase g, int b) {
        return flat(g.h0(), g.c0(), b);
    }

    private static float[] expectedFinalFlat(GoldenCase g, int b) {
        return flat(g.hN(), g.cN(), b);
    }

    private static float[] flat(INDArray h, INDArray c, int b) {
        int layers = (int) h.size(0);
        int hidden = (int) h.size(2);
        int per = c == null ? hidden : 2 * hidden;
        float[] out = new float[layers * per];
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < hidden; j++) {
                out[l * per + j] = h.getFloat(l, b, j);
                if (c != null) {
                    out[l * per + hidden + j] = c.getFloat(l, b, j);
                }
            }
        }
        return out;
    }

    private static INDArray step(INDArray m, int t) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)))
                .maxNumber().doubleValue();
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs((double) a[i] - b[i]));
        }
        return d;
    }

    private static void assertClose(String what, float[] actual, INDArray expected) {
        double d = 0;
        for (int i = 0; i < actual.length; i++) {
            d = Math.max(d, Math.abs(actual[i] - expected.getDouble(i)));
        }
        assertThat(d).as(what).isLessThanOrEqualTo(FLOAT_TOLERANCE);
    }
}
