package io.statecast.model.unroll;

import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackStep;
import io.statecast.model.layer.StackedRnn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Static unroll, as TF's {@code static_rnn}: one [batch, inputs] tensor per step in, one
 * [batch, H] output per step and the final state out.
 */
public final class StaticUnroll {

    private final StackedRnn rnn;

    public StaticUnroll(StackedRnn rnn) {
        if (rnn == null) {
            throw new IllegalArgumentException("rnn must not be null");
        }
        this.rnn = rnn;
    }

    /** Result: per-step top-layer outputs and the final state. */
    public record Result(List<INDArray> outputs, StackState finalState) {
    }

    /**
     * Runs the steps in order.
     *
     * @param initial state before the first step, or {@code null} for zeros
     */
    public Result run(Map<String, INDArray> params, List<INDArray> inputs, StackState initial) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("static unroll needs at least one step of input");
        }
        StackState state = initial != null ? initial
                : rnn.zeroState((int) inputs.get(0).rows(), StackedRnn.dataType(params));
        List<INDArray> outputs = new ArrayList<>(inputs.size());
        for (INDArray x : inputs) {
            StackStep step = rnn.step(params, x, state);
            outputs.add(step.output());
            state = step.state();
        }
        return new Result(List.copyOf(outputs), state);
    }
}
