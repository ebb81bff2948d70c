package io.statecast.jobs.window;

import java.util.Arrays;

/**
 * The last n released steps of a series (part of {@link WindowState}): the first
 * {@code count} slots are the window being filled, the rest still hold the previous window's tail.
 * So the last released step and the recently released timestamps stay at hand without more state.
 * The first {@code handedOn} steps of the window were already handed on as chunks.
 */
public class PartialSequence {
    public int count;
    public int handedOn;
    /**
     * Steps of the window being filled: n, a series' first window fewer when windows are staggered
     * (0 in state saved before windows could be staggered: n).
     */
    public int length;
    public long[] timestamps;
    public double[] inputs;
    public int inputSize;

    public PartialSequence() {}

    /** @param firstWindowSteps steps of the first window (1..steps), then windows of {@code steps} */
    static PartialSequence empty(int steps, int inputSize, int firstWindowSteps) {
        PartialSequence p = new PartialSequence();
        p.timestamps = new long[steps];
        Arrays.fill(p.timestamps, Long.MIN_VALUE);
        p.inputs = new double[steps * inputSize];
        p.inputSize = inputSize;
        p.length = firstWindowSteps;
        return p;
    }

    PartialSequence copy() {
        PartialSequence c = new PartialSequence();
        c.count = count;
        c.handedOn = handedOn;
        c.length = length;
        c.timestamps = timestamps == null ? null : timestamps.clone();
        c.inputs = inputs == null ? null : inputs.clone();
        c.inputSize = inputSize;
        return c;
    }

    /**
     * Appends one step, {@code inputSize} values of {@code source} from {@code offset}; when this step
     * fills the window, returns the steps not handed on yet (the window's last chunk), else null.
     */
    Sequence append(String seriesId, long timestamp, double[] source, int offset) {
        timestamps[count] = timestamp;
        System.arraycopy(source, offset, inputs, count * inputSize, inputSize);
        count++;
        if (count < windowSteps()) {
            return null;
        }
        Sequence last = handOn(seriesId);
        count = 0;
        handedOn = 0;
        length = timestamps.length;
        return last;
    }

    /**
     * The appended steps not handed on yet, as one chunk, once the window's position passed a multiple
     * of {@code chunkSteps} shifted by {@code phase} since the last chunk (else null). Different phases
     * per series spread the chunks of series whose windows are aligned over the steps of a window.
     */
    Sequence handOnDue(String seriesId, int chunkSteps, int phase) {
        boolean due = (count + phase) / chunkSteps > (handedOn + phase) / chunkSteps;
        return due ? handOn(seriesId) : null;
    }

    /** Steps to append until {@link #handOnDue} hands a chunk on or the window completes (at least 1). */
    int stepsUntilDue(int chunkSteps, int phase) {
        int boundary = ((handedOn + phase) / chunkSteps + 1) * chunkSteps - phase;
        return Math.min(boundary, windowSteps()) - count;
    }

    /** The appended steps not handed on yet, as one chunk (null when there are none). */
    Sequence handOn(String seriesId) {
        if (handedOn == count) {
            return null;
        }
        Sequence chunk = new Sequence(seriesId, Arrays.copyOfRange(timestamps, handedOn, count),
                Arrays.copyOfRange(inputs, handedOn * inputSize, count * inputSize), inputSize, handedOn,
                count == windowSteps());
        handedOn = count;
        return chunk;
    }

    private int windowSteps() {
        return length > 0 ? length : timestamps.length;
    }

    /**
     * Offset in {@link #inputs} of the step appended last (valid once a step was appended): the slot of
     * the latest timestamp, as a window shorter than n leaves the previous one's end anywhere.
     */
    int lastStepOffset() {
        int last = 0;
        for (int i = 1; i < timestamps.length; i++) {
            if (timestamps[i] > timestamps[last]) {
                last = i;
            }
        }
        return last * inputSize;
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

    /**
     * Starts a new window of {@code windowSteps} (1..n), dropping the steps of the unfinished one (its
     * next chunk is at offset 0).
     */
    void restart(int windowSteps) {
        count = 0;
        handedOn = 0;
        length = windowSteps;
    }
}
