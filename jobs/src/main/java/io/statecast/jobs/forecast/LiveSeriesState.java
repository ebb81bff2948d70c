package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import io.statecast.model.scale.RunningStats;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.SeriesState;
import io.statecast.schemas.ValueTransform;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A series' {@link SeriesState} as the RNN operator works on it: the same fields in primitive arrays,
 * updated in place once per window, so a window costs no encoding and leaves no garbage (the Avro
 * record boxes every remembered input). Keyed state holds the object; {@link LiveSeriesStateSerializer}
 * writes it to checkpoints and savepoints as the Avro {@code SeriesState}, so they keep that contract.
 */
final class LiveSeriesState {

    /** Recurrent state (h, then c for LSTM, per layer); empty: cold. */
    float[] hidden = new float[0];
    /** Online scaler statistics of the series' values under {@link #scalerTransform}; updated in place. */
    final ScalerStats scaler = ScalerStats.newBuilder().setCount(0).setMean(0).setM2(0).build();
    ValueTransform scalerTransform = ValueTransform.LEVEL;
    /** Raw input vectors of the last steps, oldest first, flattened: {@code recent[0, recentLength)}. */
    double[] recent = new double[0];
    int recentLength;
    long modelVersion;
    long stepsSeen;
    /** Event time of the last step absorbed; {@link Long#MIN_VALUE}: none yet. */
    long lastTimestamp = Long.MIN_VALUE;
    /** The latest forecast, scored when the next actuals arrive; null before the first. */
    LastForecast lastForecast;

    /** The recurrent state, or null when it is cold or not of {@code stateSize}. */
    float[] hidden(int stateSize) {
        return hidden.length == stateSize ? hidden : null;
    }

    /** Sets the recurrent state to a copy of {@code h} (null: cold), reusing the array when it fits. */
    void setHidden(float[] h) {
        if (h == null) {
            hidden = new float[0];
        } else if (hidden.length == h.length) {
            System.arraycopy(h, 0, hidden, 0, h.length);
        } else {
            hidden = h.clone();
        }
    }

    /** Drops the scaler statistics when they are of another transform's values than {@code transform}'s. */
    void adoptTransform(ValueTransform transform) {
        if (scalerTransform != transform) {
            scaler.setCount(0);
            scaler.setMean(0);
            scaler.setM2(0);
            scalerTransform = transform;
        }
    }

    void setScaler(RunningStats stats) {
        scaler.setCount(stats.count());
        scaler.setMean(stats.mean());
        scaler.setM2(stats.m2());
    }

    /** Keeps {@code f} as the latest forecast, in place of the one before. */
    void rememberForecast(Forecast f) {
        if (lastForecast == null) {
            lastForecast = LastForecast.of(f);
        } else {
            lastForecast.set(f);
        }
    }

    /** Appends a window's raw inputs and keeps only the last {@code keepSteps} steps. */
    void remember(Sequence window, int keepSteps) {
        int keep = keepSteps * window.inputSize;
        int added = window.steps() * window.inputSize;
        if (recent.length < keep) {
            recent = Arrays.copyOf(recent, keep);
        }
        int kept = Math.min(recentLength, Math.max(0, keep - added));
        System.arraycopy(recent, recentLength - kept, recent, 0, kept);
        int from = Math.max(0, added - keep);
        System.arraycopy(window.inputs, from, recent, kept, added - from);
        recentLength = kept + added - from;
    }

    /** The last remembered value (input 0 of the last step), or NaN when none is remembered. */
    double lastValue(int inputSize) {
        return recentLength < inputSize ? Double.NaN : recent[recentLength - inputSize];
    }

    /** The remembered values (input 0 of each step), oldest first; the last is the series' last value. */
    double[] recentValues(int inputSize) {
        double[] out = new double[recentLength / inputSize];
        for (int i = 0; i < out.length; i++) {
            out[i] = recent[i * inputSize];
        }
        return out;
    }

    /** The remembered inputs as a flat array, oldest first. */
    double[] recentInputs() {
        return Arrays.copyOf(recent, recentLength);
    }

    /**
     * A deep copy: the heap state backend's copy-on-write hands the operator this, and a running
     * snapshot keeps the original.
     */
    LiveSeriesState copy() {
        LiveSeriesState c = new LiveSeriesState();
        c.hidden = hidden.clone();
        c.scaler.setCount(scaler.getCount());
        c.scaler.setMean(scaler.getMean());
        c.scaler.setM2(scaler.getM2());
        c.scalerTransform = scalerTransform;
        c.recent = Arrays.copyOf(recent, recentLength);
        c.recentLength = recentLength;
        c.modelVersion = modelVersion;
        c.stepsSeen = stepsSeen;
        c.lastTimestamp = lastTimestamp;
        c.lastForecast = lastForecast == null ? null : lastForecast.copy();
        return c;
    }

    /** The Avro record; {@link LiveSeriesStateSerializer} writes its encoding directly (checked against this). */
    SeriesState toAvro() {
        ByteBuffer h = ByteBuffer.allocate(4 * hidden.length).order(ByteOrder.LITTLE_ENDIAN);
        h.asFloatBuffer().put(hidden);
        List<Double> ring = new ArrayList<>(recentLength);
        for (int i = 0; i < recentLength; i++) {
            ring.add(recent[i]);
        }
        return SeriesState.newBuilder()
                .setHidden(h)
                .setScaler(ScalerStats.newBuilder(scaler).build())
                .setScalerTransform(scalerTransform)
                .setRecentInputs(ring)
                .setModelVersion(modelVersion)
                .setStepsSeen(stepsSeen)
                .setLastTimestamp(lastTimestamp == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastTimestamp))
                .setLastForecast(lastForecast == null ? null : lastForecast.toAvro())
                .build();
    }

    static LiveSeriesState fromAvro(SeriesState s) {
        LiveSeriesState live = new LiveSeriesState();
        ByteBuffer h = s.getHidden().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        live.hidden = new float[h.remaining() / 4];
        h.asFloatBuffer().get(live.hidden);
        live.scaler.setCount(s.getScaler().getCount());
        live.scaler.setMean(s.getScaler().getMean());
        live.scaler.setM2(s.getScaler().getM2());
        live.scalerTransform = s.getScalerTransform();
        List<Double> ring = s.getRecentInputs();
        live.recent = new double[ring.size()];
        for (int i = 0; i < live.recent.length; i++) {
            live.recent[i] = ring.get(i);
        }
        live.recentLength = live.recent.length;
        live.modelVersion = s.getModelVersion();
        live.stepsSeen = s.getStepsSeen();
        live.lastTimestamp = s.getLastTimestamp() == null ? Long.MIN_VALUE : s.getLastTimestamp().toEpochMilli();
        live.lastForecast = s.getLastForecast() == null ? null : LastForecast.of(s.getLastForecast());
        return live;
    }
}
