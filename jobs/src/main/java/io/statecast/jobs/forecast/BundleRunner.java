package io.statecast.jobs.forecast;

import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.ingest.Event;
import io.statecast.jobs.ingest.Rejected;
import io.statecast.jobs.window.Sequence;
import io.statecast.model.scale.RunningStats;
import io.statecast.model.scale.StandardScaler;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ForecastDecoder;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Runs one round of a bundle (at most one chunk of a window per series) through the served model. Each
 * chunk's steps join the series' {@link WindowProgress}; the steps of the window not run yet are loaded,
 * transformed and scaled ({@link TransformedInputs}), into the rows of a batch together with the
 * recurrent states, and run with one batched step per time step. A series' window is prepared from its
 * {@link LiveSeriesState} (re-warmed or reset after a model swap) when it has no progress for the served
 * model; when a chunk completes the window, the series state is updated (online scaler, recent inputs,
 * the previous forecast scored) and the forecast decoded from the last raw value
 * ({@link ForecastDecoder}) is emitted, as if the whole window had run at once. Rows run in groups of
 * equal step count: under a differencing transform a series' first value only primes it, so its first
 * window gives one model step fewer (and none at all with one-step windows: no forecast then), exactly
 * as the offline walk-forward. Owns the model's batch buffers; not thread-safe.
 */
final class BundleRunner implements AutoCloseable {

    /** One series' state; what is set is saved. */
    interface Series {
        /** The window in progress, or null. */
        WindowProgress progress() throws Exception;

        void setProgress(WindowProgress progress) throws Exception;

        /** The series state, or null for a series not seen before. */
        LiveSeriesState state() throws Exception;

        /** Saves {@code state}; call it after the window's last change to it. */
        void setState(LiveSeriesState state) throws Exception;
    }

    interface Emitter {
        void emit(String key, byte[] encodedForecast);
    }

    private final ForecastSettings settings;
    private final ForecastEncoder forecastEncoder;
    private final SingleObjectCodec<TimeSeriesEvent> eventCodec = SingleObjectCodec.of(TimeSeriesEvent.class);
    private final OnlineScorer scorer;
    private final Histogram stepNanosPerKey;

    private ServingModel model;
    private BatchForecaster forecaster;
    private TransformedInputs inputs;
    private ForecastDecoder decoder;
    private Row[] rows;
    private int[] groupRows;

    /** One series in the batch. */
    private static final class Row {
        String key;
        Series series;
        WindowProgress progress;
        /** The series state when it was read this round, else null. */
        LiveSeriesState state;
        /** Whether the chunk this round completes the window. */
        boolean endsWindow;
        /** First window step to run, and the model steps that gives. */
        int from;
        int modelSteps;
        boolean pending;
        /** Recent raw inputs replayed from step rewarmFrom, giving rewarmSteps model steps (0: no re-warm). */
        double[] ring;
        int rewarmFrom;
        int rewarmSteps;
        /** The scaling of the window's inputs. */
        StandardScaler scale;
    }

    /** Loads a row into forecaster row {@code group}, or finishes it after the group ran. */
    private interface GroupStep {
        void apply(Row row, int group) throws Exception;
    }

    BundleRunner(ForecastSettings settings, SingleObjectCodec<Forecast> forecastCodec, OnlineScorer scorer,
            MetricGroup metrics) {
        this.settings = settings;
        this.forecastEncoder = new ForecastEncoder(forecastCodec);
        this.scorer = scorer;
        this.stepNanosPerKey = metrics.histogram("stepNanosPerKeyStep", new DescriptiveStatisticsHistogram(1000));
    }

    /** Serves {@code next} from the next round on; allocates its batch buffers once. */
    void serve(ServingModel next) {
        close();
        model = next;
        int maxSteps = Math.max(settings.windowSteps(), settings.rewarmSteps());
        forecaster = next.newForecaster(settings.batchRows(), maxSteps);
        rows = new Row[settings.batchRows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Row();
        }
        groupRows = new int[rows.length];
        inputs = new TransformedInputs(next.transform(), next.inputSize());
        decoder = ForecastDecoder.of(next);
    }

    int capacity() {
        return forecaster.capacity();
    }

    /** Runs a round: {@code chunks.get(i)} of {@code series.get(i)}, at most one chunk per series. */
    void run(List<? extends Series> series, List<Sequence> chunks, Emitter emitter, Consumer<Rejected> rejecter)
            throws Exception {
        int n = 0;
        for (int i = 0; i < chunks.size(); i++) {
            if (admit(rows[n], chunks.get(i), series.get(i), rejecter)) {
                n++;
            }
        }
        // Re-warm: replay the remembered inputs through the new model from a cold state.
        inGroups(n, row -> row.rewarmSteps, (row, g) -> {
            forecaster.loadState(g, null);
            inputs.load(forecaster, g, row.ring, row.rewarmFrom,
                    row.ring.length / model.inputSize() - row.rewarmFrom, Double.NaN, row.scale);
        }, (row, g) -> {
            row.progress.hidden = new float[forecaster.stateSize()];
            forecaster.storeState(g, row.progress.hidden);
        });
        inGroups(n, row -> row.modelSteps, (row, g) -> {
            WindowProgress p = row.progress;
            forecaster.loadState(g, p.hidden);
            inputs.load(forecaster, g, p.inputs, row.from, p.count - row.from, p.valueBefore(row.from),
                    row.scale);
        }, (row, g) -> {
            WindowProgress p = row.progress;
            if (p.hidden == null || p.hidden.length != forecaster.stateSize()) {
                p.hidden = new float[forecaster.stateSize()];
            }
            forecaster.storeState(g, p.hidden);
            advance(row, g, emitter);
        });
        for (int i = 0; i < n; i++) {
            if (rows[i].modelSteps == 0) {
                advance(rows[i], -1, emitter);
            }
        }
    }

    /**
     * Adds a chunk's steps to its series' window and sets up a row to run the steps not run yet;
     * false when the chunk went to the dead letters instead (with the rest of its window).
     */
    private boolean admit(Row row, Sequence chunk, Series series, Consumer<Rejected> rejecter)
            throws Exception {
        String key = chunk.seriesId;
        WindowProgress p = series.progress();
        if (chunk.offset == 0) {
            if (p == null || p.inputSize != chunk.inputSize) {
                p = WindowProgress.empty(settings.windowSteps(), chunk.inputSize);
            }
            p.startWindow();
        } else if (p == null || !p.continuedBy(chunk)) {
            boolean rejected = p != null && p.rejectedCause != null;
            rejectSteps(chunk, rejected ? p.rejectedCause : "incomplete_window", rejected ? p.rejectedReason
                    : "steps " + chunk.offset + ".. of a window of series " + key + " arrived without its"
                            + " earlier steps (state lost or restored from another job)", rejecter);
            return false;
        }
        p.lastStep = Math.max(p.lastStep, chunk.lastTimestamp());
        String refusal = refusal(chunk);
        if (refusal != null) {
            String reason = reason(refusal, chunk);
            rejectSteps(p.arrived(key), refusal, reason, rejecter);
            rejectSteps(chunk, refusal, reason, rejecter);
            p.reject(refusal, reason);
            series.setProgress(p);
            return false;
        }
        p.append(chunk);
        row.key = key;
        row.series = series;
        row.endsWindow = chunk.endsWindow;
        row.progress = p;
        row.state = null;
        row.rewarmSteps = 0;
        if (!p.prepared || p.modelVersion != model.version()) {
            prepare(row, series.state());
        }
        row.scale = new StandardScaler(p.scaleMean, p.scaleStd);
        row.from = p.ran;
        row.modelSteps = inputs.modelSteps(p.valueBefore(row.from), p.count - row.from);
        return true;
    }

    /** Why the served model cannot take a chunk (a dead-letter cause), or null. */
    private String refusal(Sequence chunk) {
        if (chunk.inputSize != model.inputSize()) {
            return "input_size_mismatch";
        }
        return inputs.definedFrom(chunk.inputs, chunk.steps()) > 0 ? "value_not_transformable" : null;
    }

    /** The dead-letter reason of a refused window (the whole window goes, so its state stays consistent). */
    private String reason(String cause, Sequence chunk) {
        return cause.equals("input_size_mismatch")
                ? "series " + chunk.seriesId + " sends " + chunk.inputSize + " inputs per step (value +"
                        + " covariates) but the served model version " + model.version() + " takes "
                        + model.inputSize()
                : "series " + chunk.seriesId + " sends a value the served model version " + model.version()
                        + " cannot read: its " + model.transform() + " transform needs positive values";
    }

    /**
     * Sets a window up to run from its start: the state's recurrent state, the last value before it and
     * the series' scaling under the served model, re-warmed or reset per the swap policy when the state
     * was made by another model.
     */
    private void prepare(Row row, LiveSeriesState stored) {
        LiveSeriesState st = adopt(stored);
        row.state = st;
        StandardScaler scale = model.scaleFor(row.key, st.scaler);
        float[] hidden = st.hidden(forecaster.stateSize());
        // A copy: the window's steps move the progress's state, the series state keeps the window start's.
        row.progress.prepare(model.version(), inputs.previous(st.lastValue(model.inputSize())), scale.mean(),
                scale.std(), hidden == null ? null : hidden.clone());
        if (st.modelVersion != model.version() && hidden != null) {
            switch (settings.swapPolicy()) {
                case RESET -> row.progress.hidden = null;
                case KEEP -> { }
                case REWARM -> planRewarm(row);
            }
        }
    }

    /** A stored series state (or a fresh one) whose online scaler matches the served model's transform. */
    private LiveSeriesState adopt(LiveSeriesState stored) {
        LiveSeriesState st = stored == null ? new LiveSeriesState() : stored;
        // Online statistics of another transform's values would scale this model's inputs wrongly.
        st.adoptTransform(model.transform());
        return st;
    }

    /**
     * Replays at most the last {@code rewarmSteps} remembered steps the new model's transform is defined
     * for; with nothing to replay the series starts cold under the new model.
     */
    private void planRewarm(Row row) {
        row.ring = row.state.recentInputs();
        int ringSteps = row.ring.length / model.inputSize();
        row.rewarmFrom = Math.max(ringSteps - Math.min(ringSteps, settings.rewarmSteps()),
                inputs.definedFrom(row.ring, ringSteps));
        row.rewarmSteps = inputs.modelSteps(Double.NaN, ringSteps - row.rewarmFrom);
        row.progress.hidden = null;
    }

    /**
     * Runs rows {@code [0, n)} with a positive step count in groups of equal count: loads each into a
     * forecaster row, runs the group, then finishes each.
     */
    private void inGroups(int n, ToIntFunction<Row> stepsOf, GroupStep load, GroupStep after) throws Exception {
        for (int i = 0; i < n; i++) {
            rows[i].pending = stepsOf.applyAsInt(rows[i]) > 0;
        }
        while (true) {
            int steps = -1;
            int group = 0;
            for (int i = 0; i < n; i++) {
                Row row = rows[i];
                if (!row.pending || (steps >= 0 && stepsOf.applyAsInt(row) != steps)) {
                    continue;
                }
                steps = stepsOf.applyAsInt(row);
                row.pending = false;
                load.apply(row, group);
                groupRows[group++] = i;
            }
            if (group == 0) {
                return;
            }
            long start = System.nanoTime();
            forecaster.run(group, steps);
            stepNanosPerKey.update((System.nanoTime() - start) / ((long) group * steps));
            for (int g = 0; g < group; g++) {
                after.apply(rows[groupRows[g]], g);
            }
        }
    }

    /** Records that a row's steps ran (in forecaster row {@code g}; -1: they only primed) and saves it. */
    private void advance(Row row, int g, Emitter emitter) throws Exception {
        WindowProgress p = row.progress;
        p.ran = p.count;
        p.modelSteps += row.modelSteps;
        if (row.endsWindow) {
            finish(row, g, emitter);
        }
        row.series.setProgress(p);
    }

    /**
     * Ends a complete window: scores the series' previous forecast against it, updates the series state,
     * emits the forecast made from forecaster row {@code g} (none when the window only primed) and
     * prepares the progress for the next window.
     */
    private void finish(Row row, int g, Emitter emitter) throws Exception {
        WindowProgress p = row.progress;
        Sequence window = p.arrived(row.key);
        LiveSeriesState st = row.state != null ? row.state : adopt(row.series.state());
        double lastValue = st.lastValue(window.inputSize);
        if (st.lastForecast != null && !Double.isNaN(lastValue)) {
            scorer.score(st.lastForecast, lastValue, window);
        }
        StandardScaler scale = model.scaleFor(row.key, st.scaler);
        boolean cold = st.stepsSeen < model.warmupSteps() || !model.knowsScale(row.key, st.scaler);
        st.setHidden(p.hidden);
        long previous = st.lastTimestamp == Long.MIN_VALUE ? 0 : st.lastTimestamp;
        RunningStats online = RunningStats.fromAvro(st.scaler);
        inputs.absorb(online, window.inputs, window.steps(), p.previous);
        st.setScaler(online);
        // At least the last step (the previous value of a differencing transform, the naive
        // forecast) and the values the model's seasonal forecast combinations read.
        st.remember(window, Math.max(settings.rewarmSteps(), model.historyValues()));
        st.stepsSeen += p.modelSteps;
        st.lastTimestamp = window.lastTimestamp();
        st.modelVersion = model.version();
        Forecast forecast = null;
        if (g >= 0) {
            forecast = ForecastFactory.make(forecaster, decode(g, scale, st, window), window, previous,
                    st.stepsSeen, cold);
            st.rememberForecast(forecast);
        }
        row.series.setState(st);
        if (forecast != null) {
            emitter.emit(row.key, forecastEncoder.encode(forecast));
        }
        StandardScaler next = model.scaleFor(row.key, st.scaler);
        p.continueAfterComplete(model.version(), inputs.previous(st.lastValue(model.inputSize())), next.mean(),
                next.std());
    }

    /** Decodes forecaster row {@code g}; only a seasonal combination needs more than the last value. */
    private ForecastDecoder decode(int g, StandardScaler scale, LiveSeriesState st, Sequence window) {
        if (!scale.combination().seasonal()) {
            return decoder.decode(forecaster, g, scale, window.value(window.steps() - 1));
        }
        double[] recent = st.recentValues(window.inputSize);
        return decoder.decode(forecaster, g, scale, recent, recent.length - 1);
    }

    private void rejectSteps(Sequence steps, String cause, String reason, Consumer<Rejected> rejecter) {
        for (int step = 0; step < steps.steps(); step++) {
            double[] values = new double[steps.inputSize];
            System.arraycopy(steps.inputs, step * steps.inputSize, values, 0, steps.inputSize);
            Event e = new Event(steps.seriesId, steps.timestamps[step], values, null, -1, -1);
            rejecter.accept(DeadLetters.of(e, eventCodec, "forecast", cause, reason));
        }
    }

    @Override
    public void close() {
        if (forecaster != null) {
            forecaster.close();
            forecaster = null;
        }
    }
}
