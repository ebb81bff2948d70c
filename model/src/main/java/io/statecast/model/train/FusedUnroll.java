package io.statecast.model.train;

import io.statecast.model.cell.CellState;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The stacked recurrent network's forward and BPTT over one window in FLOAT through
 * {@link FusedLayer}s: the same numbers as {@code DynamicUnroll} (to float rounding and the fast
 * activations' few ulps) at a few BLAS calls and fused loops per step instead of dozens of ND4J
 * ops. Arrays in and out are batch-major like {@code DynamicUnroll}'s; inside, time-major.
 * Buffers are kept per (batch, steps) shape, a few at a time. Not thread-safe.
 */
final class FusedUnroll {

    private final RnnConfig config;
    /** Shapes kept at once; more are dropped together (a caller with many shapes). */
    private static final int MAX_SHAPES = 4;

    private final Map<String, INDArray> gradients = new LinkedHashMap<>();
    private final Map<Long, Buffers> shapes = new java.util.HashMap<>();
    private FusedLayer[] layers;
    private NativeBlocks input;
    private NativeBlocks dTop;
    private float[] scratch;
    private float[] staging;
    private INDArray outputs;

    FusedUnroll(RnnConfig config) {
        this.config = config;
    }

    private FusedLayer top() {
        return layers[layers.length - 1];
    }

    /**
     * Switches to the buffers of a (batch, steps) shape, allocating them the first time: a
     * trainer alternates a few shapes (burn-in, window, last validation batch).
     */
    private void shape(int batch, int steps) {
        if (layers != null && layers[0].batch == batch && layers[0].steps == steps) {
            return;
        }
        long key = (long) batch << 32 | steps;
        Buffers b = shapes.get(key);
        if (b == null) {
            if (shapes.size() >= MAX_SHAPES) {
                shapes.clear();
            }
            b = new Buffers(config, batch, steps);
            shapes.put(key, b);
        }
        layers = b.layers;
        input = b.input;
        dTop = b.dTop;
        scratch = b.scratch;
        staging = b.staging;
        outputs = b.outputs;
    }

    /** Everything one (batch, steps) shape needs. */
    private static final class Buffers {
        final FusedLayer[] layers;
        final NativeBlocks input;
        final NativeBlocks dTop;
        final float[] scratch;
        final float[] staging;
        final INDArray outputs;

        Buffers(RnnConfig config, int batch, int steps) {
            layers = new FusedLayer[config.layers()];
            for (int l = 0; l < layers.length; l++) {
                layers[l] = new FusedLayer(config, l, batch, steps);
            }
            input = new NativeBlocks(steps, batch * config.inputSize());
            dTop = new NativeBlocks(steps, batch * config.hiddenSize());
            scratch = new float[steps * batch * Math.max(config.inputSize(),
                    config.hiddenSize())];
            staging = new float[scratch.length];
            outputs = Nd4j.create(DataType.FLOAT,
                    new long[] {batch, steps, config.hiddenSize()}, 'c');
        }
    }

    /** Runs x [batch, steps, inputs] from {@code initial} ({@code null} = zeros). */
    void forward(Map<String, INDArray> params, INDArray x, StackState initial) {
        int batch = (int) x.size(0);
        int steps = (int) x.size(1);
        shape(batch, steps);
        toTimeMajor(x, input);
        int bh = batch * config.hiddenSize();
        for (int l = 0; l < layers.length; l++) {
            CellState s = initial == null ? null : initial.layer(l);
            float[] h0 = s == null ? new float[bh] : floats(s.h());
            float[] c0 = s == null || s.c() == null ? new float[bh] : floats(s.c());
            layers[l].forward(params, l == 0 ? input.at(0) : layers[l - 1].hs.at(1), h0, c0);
        }
    }

    /**
     * The top layer's h at every step, [batch, steps, H]: an array owned by this instance,
     * overwritten by the next forward.
     */
    INDArray outputs() {
        FusedLayer top = top();
        int hidden = top.hidden;
        for (int t = 0; t < top.steps; t++) {
            for (int b = 0; b < top.batch; b++) {
                System.arraycopy(top.h, ((t + 1) * top.batch + b) * hidden, staging,
                        (b * top.steps + t) * hidden, hidden);
            }
        }
        outputs.data().asNioFloat().put(0, staging, 0, top.batch * top.steps * hidden);
        return outputs;
    }

    /** Every layer's final state, [batch, H] each. */
    StackState finalState() {
        List<CellState> states = new ArrayList<>();
        for (FusedLayer layer : layers) {
            float[] h = new float[layer.batch * layer.hidden];
            layer.finalHidden(h);
            float[] c = null;
            if (layer.c != null) {
                c = new float[h.length];
                layer.finalCell(c);
            }
            states.add(new CellState(matrix(h, layer), c == null ? null : matrix(c, layer)));
        }
        return new StackState(states);
    }

    /**
     * BPTT of the last forward.
     *
     * @param dOutputs dL/d(outputs) [batch, steps, H], or null
     * @param dTopHidden dL/d(top layer's final h) [batch, H], or null
     * @return the recurrent parameters' gradients (arrays owned and reused by this instance)
     */
    Map<String, INDArray> backward(Map<String, INDArray> params, INDArray dOutputs,
            INDArray dTopHidden) {
        if (dOutputs != null) {
            toTimeMajor(dOutputs, dTop);
        }
        for (Map.Entry<String, INDArray> p : params.entrySet()) {
            if (p.getKey().startsWith("layer") && !gradients.containsKey(p.getKey())) {
                gradients.put(p.getKey(), Nd4j.create(DataType.FLOAT, p.getValue().shape(), 'c'));
            }
        }
        float[] dFinal = dTopHidden == null ? null : floats(dTopHidden);
        for (int l = layers.length - 1; l >= 0; l--) {
            boolean isTop = l == layers.length - 1;
            layers[l].backward(params, isTop ? (dOutputs == null ? null : dTop)
                    : layers[l + 1].dInputs, isTop ? dFinal : null,
                    l == 0 ? input.at(0) : layers[l - 1].hs.at(1), gradients);
        }
        return gradients;
    }

    /** [batch, steps, f] batch-major into time-major blocks (one per step). */
    private void toTimeMajor(INDArray m, NativeBlocks blocks) {
        int batch = (int) m.size(0);
        int steps = (int) m.size(1);
        int f = (int) m.size(2);
        float[] src = floatsInto(m, staging);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                System.arraycopy(src, (b * steps + t) * f, scratch, (t * batch + b) * f, f);
            }
        }
        for (int t = 0; t < steps; t++) {
            blocks.write(t, scratch, t * batch * f);
        }
    }

    /** The elements of {@code a} in C order, bulk-copied into {@code dst} when possible. */
    private static float[] floatsInto(INDArray a, float[] dst) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.offset() != 0
                || a.isView() || a.length() != a.data().length()) {
            return floats(a);
        }
        a.data().asNioFloat().get(0, dst, 0, (int) a.length());
        return dst;
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static INDArray matrix(float[] v, FusedLayer layer) {
        return Nd4j.create(v, new long[] {layer.batch, layer.hidden}, 'c');
    }
}
