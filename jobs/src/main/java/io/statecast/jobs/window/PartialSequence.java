package io.statecast.jobs.window;

import java.util.Arrays;

/**
 * The last n released steps of a series (a Flink POJO, part of {@link WindowState}): the first
 * {@code count} slots are the sequence being filled, the rest still hold the previous sequence's tail.
 * So the last released step and the recently released timestamps stay at hand without more state.
 */
public class PartialSequence {
    public int count;
    public long[] timestamps;
    public double[] inputs;
    public int inputSize;

    public PartialSequence() {}

    static PartialSequence empty(int steps, int inputSize) {
        PartialSequence p = new PartialSequence();
        p.timestamps = new long[steps];
        Arrays.fill(p.timestamps, Long.MIN_VALUE);
        p.inputs = new double[steps * inputSize];
        p.inputSize = inputSize;
        return p;
    }

    /**
     * Appends one step, {@code inputSize} values of {@code source} from {@code offset}; returns the
     * completed sequence when this step fills it, else null.
     */
    Sequence append(String seriesId, long timestamp, double[] source, int offset) {
        timestamps[count] = timestamp;
        System.arraycopy(source, offset, inputs, count * inputSize, inputSize);
        count++;
        if (count < timestamps.length) {
            return null;
        }
        count = 0;
        return new Sequence(seriesId, timestamps.clone(), inputs.clone(), inputSize);
    }

    /** Offset in {@link #inputs} of the step appended last (valid once a step was appended). */
    int lastStepOffset() {
        return ((count - 1 + timestamps.length) % timestamps.length) * inputSize;
    }

    /** Whether one of the last n released steps has this timestamp. */
    boolean released(long timestamp) {
        for (long t : timestamps) {
            if (t == timestamp) {
                return true;
            }
        }
        return false;
    }

    /** Starts a new sequence, dropping the steps of the unfinished one. */
    void restart() {
        count = 0;
    }
}
