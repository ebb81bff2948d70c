package io.statecast.jobs.window;

/**
 * n consecutive steps of one series in event-time order: what the RNN operator consumes.
 * {@code inputs} is row-major [steps][inputSize] (value first, then covariates), raw (unscaled).
 */
public class Sequence {
    public String seriesId;
    public long[] timestamps;
    public double[] inputs;
    public int inputSize;

    public Sequence() {}

    public Sequence(String seriesId, long[] timestamps, double[] inputs, int inputSize) {
        this.seriesId = seriesId;
        this.timestamps = timestamps;
        this.inputs = inputs;
        this.inputSize = inputSize;
    }

    public int steps() {
        return timestamps.length;
    }

    public long lastTimestamp() {
        return timestamps[timestamps.length - 1];
    }

    /** The value (first input) at a step. */
    public double value(int step) {
        return inputs[step * inputSize];
    }
}
