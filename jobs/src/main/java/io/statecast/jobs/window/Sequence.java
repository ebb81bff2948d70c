package io.statecast.jobs.window;

/**
 * Consecutive steps of one series in event-time order, part of one window of n steps: steps
 * {@code [offset, offset + steps())} of it. The windower hands steps on as soon as the watermark releases
 * them (a chunk per release, never across a window boundary) so the RNN operator can step each series
 * as its events come instead of n steps at once when the window completes; a window's chunks arrive in
 * order, and a chunk at offset 0 starts a new window. {@code inputs} is row-major [steps][inputSize]
 * (value first, then covariates), raw (unscaled).
 */
public class Sequence {
    public String seriesId;
    public long[] timestamps;
    public double[] inputs;
    public int inputSize;
    /** Position of the first step in its window. */
    public int offset;

    public Sequence() {}

    /** A whole window, or the chunk at its start. */
    public Sequence(String seriesId, long[] timestamps, double[] inputs, int inputSize) {
        this(seriesId, timestamps, inputs, inputSize, 0);
    }

    public Sequence(String seriesId, long[] timestamps, double[] inputs, int inputSize, int offset) {
        this.seriesId = seriesId;
        this.timestamps = timestamps;
        this.inputs = inputs;
        this.inputSize = inputSize;
        this.offset = offset;
    }

    /** Whether these steps complete a window of {@code windowSteps} steps. */
    public boolean completes(int windowSteps) {
        return offset + timestamps.length == windowSteps;
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
