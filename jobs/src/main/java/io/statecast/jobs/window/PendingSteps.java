package io.statecast.jobs.window;

import java.util.Arrays;

/**
 * The steps of a series not yet released, sorted by timestamp (bucket), one per timestamp (part of
 * {@link WindowState}). Usually only a few: events wait here until the watermark passes the step that
 * hands a chunk on.
 */
public class PendingSteps {
    public int count;
    public long[] timestamps;
    /** Row-major [count][inputSize]. */
    public double[] inputs;
    public int inputSize;

    public PendingSteps() {}

    static PendingSteps empty(int inputSize) {
        PendingSteps p = new PendingSteps();
        p.timestamps = new long[4];
        p.inputs = new double[4 * inputSize];
        p.inputSize = inputSize;
        return p;
    }

    PendingSteps copy() {
        PendingSteps c = new PendingSteps();
        c.count = count;
        c.timestamps = timestamps == null ? null : timestamps.clone();
        c.inputs = inputs == null ? null : inputs.clone();
        c.inputSize = inputSize;
        return c;
    }

    boolean contains(long timestamp) {
        return Arrays.binarySearch(timestamps, 0, count, timestamp) >= 0;
    }

    /** Inserts a step in timestamp order; returns true when it replaced one of the same timestamp. */
    boolean put(long timestamp, double[] step) {
        int at = Arrays.binarySearch(timestamps, 0, count, timestamp);
        if (at >= 0) {
            System.arraycopy(step, 0, inputs, at * inputSize, inputSize);
            return true;
        }
        int insert = -at - 1;
        if (count == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, 2 * count);
            inputs = Arrays.copyOf(inputs, 2 * count * inputSize);
        }
        System.arraycopy(timestamps, insert, timestamps, insert + 1, count - insert);
        System.arraycopy(inputs, insert * inputSize, inputs, (insert + 1) * inputSize,
                (count - insert) * inputSize);
        timestamps[insert] = timestamp;
        System.arraycopy(step, 0, inputs, insert * inputSize, inputSize);
        count++;
        return false;
    }

    /** Drops the first {@code n} steps (after they were released). */
    void removeFirst(int n) {
        System.arraycopy(timestamps, n, timestamps, 0, count - n);
        System.arraycopy(inputs, n * inputSize, inputs, 0, (count - n) * inputSize);
        count -= n;
    }
}
