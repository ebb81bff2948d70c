package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import java.util.Arrays;

/**
 * A series' window in progress in the RNN operator (keyed state, written by
 * {@link WindowProgressSerializer}): the raw steps of the window that arrived so far, the recurrent state
 * after the first {@code ran} of them went through the model, and what running the rest needs (the value
 * before the window for a differencing transform, the input scaling, the model it was prepared for). It is
 * prepared from the series' {@code SeriesState} for a series' first window, after a model swap or a
 * rejected or abandoned window, and otherwise carried over from the end of the previous window, so the
 * steps of a window touch only this state.
 */
public class WindowProgress {
    public long[] timestamps;
    public double[] inputs;
    public int inputSize;
    /** Steps of the window that arrived. */
    public int count;
    /** Steps {@code [0, ran)} went through the model (a differencing transform's first value only primes). */
    public int ran;
    /** Model steps run in this window. */
    public int modelSteps;
    /** Recurrent state after the steps that ran; null: cold (zero). */
    public float[] hidden;
    /** Whether the fields below (and {@code hidden} at the window's start) were set up for {@code modelVersion}. */
    public boolean prepared;
    public long modelVersion;
    /** The series' raw value before the window; NaN when unknown (a differencing transform primes). */
    public double previous = Double.NaN;
    public double scaleMean;
    public double scaleStd = 1;
    /** Timestamp of the series' last step that arrived (across windows), or {@link Long#MIN_VALUE}. */
    public long lastStep = Long.MIN_VALUE;
    /** The latest idle-expiry timer registered for the series, or {@link Long#MIN_VALUE}. */
    public long expiryTimer = Long.MIN_VALUE;
    /** Set when the window was dead-lettered: its later chunks follow it there. */
    public String rejectedCause;
    public String rejectedReason;

    public WindowProgress() {}

    static WindowProgress empty(int windowSteps, int inputSize) {
        WindowProgress p = new WindowProgress();
        p.timestamps = new long[windowSteps];
        p.inputs = new double[windowSteps * inputSize];
        p.inputSize = inputSize;
        return p;
    }

    /** A deep copy (the serializer's). */
    WindowProgress copy() {
        WindowProgress c = new WindowProgress();
        c.timestamps = timestamps == null ? null : timestamps.clone();
        c.inputs = inputs == null ? null : inputs.clone();
        c.inputSize = inputSize;
        c.count = count;
        c.ran = ran;
        c.modelSteps = modelSteps;
        c.hidden = hidden == null ? null : hidden.clone();
        c.prepared = prepared;
        c.modelVersion = modelVersion;
        c.previous = previous;
        c.scaleMean = scaleMean;
        c.scaleStd = scaleStd;
        c.lastStep = lastStep;
        c.expiryTimer = expiryTimer;
        c.rejectedCause = rejectedCause;
        c.rejectedReason = rejectedReason;
        return c;
    }

    /** Whether {@code chunk} continues this window: the next steps of a window not rejected. */
    boolean continuedBy(Sequence chunk) {
        return rejectedCause == null && chunk.offset == count;
    }

    /**
     * Starts a new window. A window left unfinished (the windower restarted it) or rejected may have
     * moved the recurrent state: the next one is prepared afresh from the series state.
     */
    void startWindow() {
        if (count > 0 || rejectedCause != null) {
            prepared = false;
        }
        count = 0;
        ran = 0;
        modelSteps = 0;
        rejectedCause = null;
        rejectedReason = null;
    }

    void append(Sequence chunk) {
        System.arraycopy(chunk.timestamps, 0, timestamps, count, chunk.steps());
        System.arraycopy(chunk.inputs, 0, inputs, count * inputSize, chunk.steps() * inputSize);
        count += chunk.steps();
    }

    /** The raw value before window step {@code step}: the previous window's last, or the step before. */
    double valueBefore(int step) {
        return step == 0 ? previous : inputs[(step - 1) * inputSize];
    }

    /** The steps that arrived, as one sequence from the window's start. */
    Sequence arrived(String seriesId) {
        return new Sequence(seriesId, Arrays.copyOf(timestamps, count), Arrays.copyOf(inputs, count * inputSize),
                inputSize);
    }

    /** Sets the window up to run from its start under model {@code version}. */
    void prepare(long version, double previousValue, double mean, double std, float[] startHidden) {
        prepared = true;
        modelVersion = version;
        previous = previousValue;
        scaleMean = mean;
        scaleStd = std;
        hidden = startHidden;
        ran = 0;
        modelSteps = 0;
    }

    /** After a complete window: the next one starts empty from this window's end state, prepared. */
    void continueAfterComplete(long version, double previousValue, double mean, double std) {
        count = 0;
        prepare(version, previousValue, mean, std, hidden);
    }

    /** Marks the window rejected: its steps are gone to the dead letters, later chunks follow. */
    void reject(String cause, String reason) {
        rejectedCause = cause;
        rejectedReason = reason;
        prepared = false;
        count = 0;
        ran = 0;
        modelSteps = 0;
    }
}
