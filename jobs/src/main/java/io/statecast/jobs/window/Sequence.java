package io.statecast.jobs.window;

/**
 * Consecutive steps of one series in event-time order, part of one window of n steps: steps
 * {@code [offset, offset + steps())} of it. The windower hands steps on as soon as the watermark releases
 * them (a chunk per release, never across a window boundary) so the RNN operator can step each series
 * as its events come instead of n steps at once when the window completes; a window's chunks arrive in
 * order, a chunk at offset 0 starts a new window and the chunk flagged {@code endsWindow} completes it (a
 * window has n steps, a series' first one fewer when windows are staggered). {@code inputs} is row-major
 * [steps][inputSize] (value first, then covariates), raw (unscaled).
 */
public class Sequence {
    public String seriesId;
    public long[] timestamps;
    public double[] inputs;
    public int inputSize;
    /** Position of the first step in its window. */
    public int offset;
    /** Whether these steps complete their window. */
    public boolean endsWindow;

    public Sequence() {}

    /** A whole window. */
    public Sequence(String seriesId, long[] timestamps, double[] inputs, int inputSize) {
        this(seriesId, timestamps, inputs, inputSize, 0, true);
    }

    public Sequence(String seriesId, long[] timestamps, double[] inputs, int inputSize, int offset,
            boolean endsWindow) {
        this.seriesId = seriesId;
        this.timestamps = timestamps;
        this.inputs = inputs;
        this.inputSize = inputSize;
        this.offset = offset;
        this.endsWindow = endsWindow;
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
