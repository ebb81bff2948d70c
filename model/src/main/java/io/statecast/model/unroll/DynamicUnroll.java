package io.statecast.model.unroll;

import io.statecast.model.layer.StackGrad;
import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackStep;
import io.statecast.model.layer.StackedRnn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Dynamic unroll, as TF's {@code dynamic_rnn} (batch-major): x [batch, steps, inputs] in,
 * outputs [batch, steps, H] and the final state out, optionally with per-row sequence lengths
 * (a row's state stops changing after its length, its outputs past it are zero). Also the
 * backward pass through the whole window (BPTT), for training. Thread-safe.
 */
public final class DynamicUnroll {

    private final StackedRnn rnn;

    public DynamicUnroll(StackedRnn rnn) {
        if (rnn == null) {
            throw new IllegalArgumentException("rnn must not be null");
        }
        this.rnn = rnn;
    }

    /** Forward with every row running all steps. */
    public UnrollCache forward(Map<String, INDArray> params, INDArray x, StackState initial) {
        return forward(params, x, initial, null);
    }

    /**
     * Forward over the window.
     *
     * @param x [batch, steps, inputs]
     * @param initial state before the first step, or {@code null} for zeros
     * @param lengths per-row sequence lengths in [0, steps], or {@code null} for all steps
     */
    public UnrollCache forward(Map<String, INDArray> params, INDArray x, StackState initial,
            int[] lengths) {
        if (x == null || x.rank() != 3) {
            throw new IllegalArgumentException("input must be [batch, steps, inputs], got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        int batch = (int) x.size(0);
        int steps = (int) x.size(1);
        DataType type = StackedRnn.dataType(params);
        checkLengths(lengths, batch, steps);
        StackState state = initial != null ? initial : rnn.zeroState(batch, type);
        INDArray outputs = Nd4j.zeros(type, batch, steps, rnn.config().hiddenSize());
        List<StackStep> cache = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            INDArray mask = lengths == null ? null : mask(lengths, t, type);
            StackStep step = rnn.step(params, stepSlice(x, t), state, mask);
            stepSlice(outputs, t).assign(step.output());
            cache.add(step);
            state = step.state();
        }
        return new UnrollCache(params, x, List.copyOf(cache), outputs, state);
    }

    /**
     * Backpropagation through the window of {@code cache}.
     *
     * @param dOutputs dL/d(outputs) [batch, steps, H], or {@code null} for zeros
     * @param dFinal dL/d(final state), or {@code null} for zeros
     * @return gradients w.r.t. every parameter, the inputs and the initial state
     */
    public BpttGrads backward(UnrollCache cache, INDArray dOutputs, StackState dFinal) {
        INDArray out = cache.outputs();
        if (dOutputs != null && !Arrays.equals(dOutputs.shape(), out.shape())) {
            throw new IllegalArgumentException("dOutputs must have the outputs' shape "
                    + Arrays.toString(out.shape()) + ", got " + Arrays.toString(dOutputs.shape()));
        }
        int batch = (int) out.size(0);
        int steps = (int) out.size(1);
        DataType type = out.dataType();
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : cache.params().entrySet()) {
            grads.put(e.getKey(), Nd4j.zeros(e.getValue().dataType(), e.getValue().shape()));
        }
        INDArray dInputs = Nd4j.zeros(type, cache.input().shape());
        StackState dState = dFinal != null ? dFinal : rnn.zeroState(batch, type);
        INDArray zeroOut = Nd4j.zeros(type, batch, rnn.config().hiddenSize());
        for (int t = steps - 1; t >= 0; t--) {
            INDArray dOut = dOutputs == null ? zeroOut : stepSlice(dOutputs, t);
            StackGrad g = rnn.backward(cache.params(), cache.steps().get(t), dOut, dState, grads);
            stepSlice(dInputs, t).assign(g.dx());
            dState = g.dPrev();
        }
        return new BpttGrads(grads, dInputs, dState);
    }

    /** [batch, features] view of step t of a [batch, steps, features] tensor. */
    private static INDArray stepSlice(INDArray m, int t) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
    }

    private static INDArray mask(int[] lengths, int t, DataType type) {
        double[] m = new double[lengths.length];
        for (int b = 0; b < m.length; b++) {
            m[b] = t < lengths[b] ? 1 : 0;
        }
        return Nd4j.create(m, new long[] {m.length, 1}, DataType.DOUBLE).castTo(type);
    }

    private static void checkLengths(int[] lengths, int batch, int steps) {
        if (lengths == null) {
            return;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException("need one sequence length per row: " + batch
                    + " rows, got " + lengths.length + " lengths");
        }
        for (int b = 0; b < batch; b++) {
            if (lengths[b] < 0 || lengths[b] > steps) {
                throw new IllegalArgumentException("sequence length of row " + b
                        + " must be in [0, " + steps + "], got " + lengths[b]);
            }
        }
    }
}
