package io.statecast.jobs.window;

import java.util.Arrays;

/** The steps of a series released so far towards its next {@link Sequence} (keyed state, a Flink POJO). */
public class PartialSequence {
    public int count;
    public long[] timestamps;
    public double[] inputs;
    public int inputSize;

    public PartialSequence() {}

    static PartialSequence empty(int steps, int inputSize) {
        PartialSequence p = new PartialSequence();
        p.timestamps = new long[steps];
        p.inputs = new double[steps * inputSize];
        p.inputSize = inputSize;
        return p;
    }

    /** Appends one step; returns the completed sequence when this step fills it, else null. */
    Sequence append(String seriesId, long timestamp, double[] step) {
        timestamps[count] = timestamp;
        System.arraycopy(step, 0, inputs, count * inputSize, inputSize);
        count++;
        if (count < timestamps.length) {
            return null;
        }
        Sequence done = new Sequence(seriesId, timestamps.clone(), inputs.clone(), inputSize);
        count = 0;
        Arrays.fill(inputs, 0);
        return done;
    }
}
