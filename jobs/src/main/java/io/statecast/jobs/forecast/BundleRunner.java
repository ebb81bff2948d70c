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
import io.statecast.schemas.SeriesState;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Runs one round of a bundle (at most one sequence per series) through the served model: reads each
 * series' state, re-warms or resets it after a model swap, loads states and transformed, scaled inputs
 * ({@link TransformedInputs}) into the rows of a batch, runs the batch once per time step, then writes
 * states back and emits forecasts decoded from the last raw value ({@link ForecastDecoder}). Rows run
 * in groups of equal step count: under a differencing transform a series' first value only primes it,
 * so its first sequence gives one model step fewer (and none at all with one-step sequences: no
 * forecast then), exactly as the offline walk-forward. Owns the model's batch buffers; not thread-safe.
 */
final class BundleRunner implements AutoCloseable {

    interface StateReader {
        SeriesState read(String key) throws Exception;
    }

    interface StateWriter {
        void write(String key, byte[] encodedState) throws Exception;
    }

    interface Emitter {
        void emit(String key, byte[] encodedForecast);
    }

    private final ForecastSettings settings;
    private final SingleObjectCodec<SeriesState> stateCodec;
    private final SingleObjectCodec<Forecast> forecastCodec;
    private final SingleObjectCodec<TimeSeriesEvent> eventCodec = SingleObjectCodec.of(TimeSeriesEvent.class);
    private final OnlineScorer scorer;
    private final Histogram stepNanosPerKey;

    private ServingModel model;
    private BatchForecaster forecaster;
    private TransformedInputs inputs;
    private ForecastDecoder decoder;
    private Row[] rows;
    private int[] groupRows;
    private float[] stateOut;

    /** One series in the batch. */
    private static final class Row {
        Sequence seq;
        SeriesState state;
        StandardScaler scale;
        float[] hidden;
        boolean cold;
        boolean pending;
        /** The series' value before the sequence, NaN when unknown (a differencing transform primes). */
        double previous;
        int modelSteps;
        /** Recent raw inputs replayed from step rewarmFrom, giving rewarmSteps model steps (0: no re-warm). */
        double[] ring;
        int rewarmFrom;
        int rewarmSteps;
    }

    /** Loads a row into forecaster row {@code group}, or finishes it after the group ran. */
    private interface GroupStep {
        void apply(Row row, int group) throws Exception;
    }

    BundleRunner(ForecastSettings settings, SingleObjectCodec<SeriesState> stateCodec,
            SingleObjectCodec<Forecast> forecastCodec, OnlineScorer scorer, MetricGroup metrics) {
        this.settings = settings;
        this.stateCodec = stateCodec;
        this.forecastCodec = forecastCodec;
        this.scorer = scorer;
        this.stepNanosPerKey = metrics.histogram("stepNanosPerKeyStep", new DescriptiveStatisticsHistogram(1000));
    }

    /** Serves {@code next} from the next round on; allocates its batch buffers once. */
    void serve(ServingModel next) {
        close();
        model = next;
        int maxSteps = Math.max(settings.windowSteps(), settings.rewarmSteps());
        forecaster = next.newForecaster(settings.bundleMaxSize(), maxSteps);
        rows = new Row[settings.bundleMaxSize()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Row();
        }
        groupRows = new int[rows.length];
        inputs = new TransformedInputs(next.transform(), next.inputSize());
        decoder = ForecastDecoder.of(next);
        stateOut = new float[forecaster.stateSize()];
    }

    int capacity() {
        return forecaster.capacity();
    }

    SeriesState decodeState(byte[] bytes) {
        return stateCodec.decode(bytes);
    }

    void run(List<Sequence> round, StateReader reader, StateWriter writer, Emitter emitter,
            Consumer<Rejected> rejecter) throws Exception {
        int n = 0;
        for (Sequence seq : round) {
            if (seq.inputSize != model.inputSize()) {
                rejectSequence(seq, "input_size_mismatch", "series " + seq.seriesId + " sends " + seq.inputSize
                        + " inputs per step (value + covariates) but the served model version " + model.version()
                        + " takes " + model.inputSize(), rejecter);
            } else if (inputs.definedFrom(seq.inputs, seq.steps()) > 0) {
                rejectSequence(seq, "value_not_transformable", "series " + seq.seriesId + " sends a value "
                        + "the served model version " + model.version() + " cannot read: its " + model.transform()
                        + " transform needs positive values", rejecter);
            } else {
                SeriesState st = reader.read(seq.seriesId);
                prepare(rows[n++], seq, st == null ? SeriesStates.fresh() : st);
            }
        }
        // Re-warm: replay the remembered inputs through the new model from a cold state.
        inGroups(n, row -> row.rewarmSteps, (row, g) -> {
            forecaster.loadState(g, null);
            inputs.load(forecaster, g, row.ring, row.rewarmFrom,
                    row.ring.length / model.inputSize() - row.rewarmFrom, Double.NaN, row.scale);
        }, (row, g) -> {
            row.hidden = new float[forecaster.stateSize()];
            forecaster.storeState(g, row.hidden);
        });
        inGroups(n, row -> row.modelSteps, (row, g) -> {
            forecaster.loadState(g, row.hidden);
            inputs.load(forecaster, g, row.seq.inputs, 0, row.seq.steps(), row.previous, row.scale);
        }, (row, g) -> finish(g, row, writer, emitter));
        for (int i = 0; i < n; i++) {
            if (rows[i].modelSteps == 0) {
                finish(-1, rows[i], writer, emitter);
            }
        }
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

    private void prepare(Row row, Sequence seq, SeriesState st) {
        row.seq = seq;
        row.state = st;
        List<Double> ring = st.getRecentInputs();
        if (st.getLastForecast() != null && !ring.isEmpty()) {
            scorer.score(st.getLastForecast(), ring.get(ring.size() - seq.inputSize), seq);
        }
        if (st.getScalerTransform() != model.transform()) {
            // Online statistics of another transform's values would scale this model's inputs wrongly.
            st.setScaler(new RunningStats().toAvro());
            st.setScalerTransform(model.transform());
        }
        row.scale = model.scaleFor(seq.seriesId, st.getScaler());
        row.cold = st.getStepsSeen() < model.warmupSteps() || !model.knowsScale(seq.seriesId, st.getScaler());
        row.hidden = SeriesStates.hidden(st, forecaster.stateSize());
        row.previous = inputs.previous(ring);
        row.modelSteps = inputs.modelSteps(row.previous, seq.steps());
        row.rewarmSteps = 0;
        if (st.getModelVersion() != model.version() && row.hidden != null) {
            switch (settings.swapPolicy()) {
                case RESET -> row.hidden = null;
                case KEEP -> { }
                case REWARM -> planRewarm(row);
            }
        }
    }

    /**
     * Replays at most the last {@code rewarmSteps} remembered steps the new model's transform is defined
     * for; with nothing to replay the series starts cold under the new model.
     */
    private void planRewarm(Row row) {
        row.ring = SeriesStates.recentInputs(row.state);
        int ringSteps = row.ring.length / model.inputSize();
        row.rewarmFrom = Math.max(ringSteps - Math.min(ringSteps, settings.rewarmSteps()),
                inputs.definedFrom(row.ring, ringSteps));
        row.rewarmSteps = inputs.modelSteps(Double.NaN, ringSteps - row.rewarmFrom);
        row.hidden = null;
    }

    /** Writes a row's state back and emits its forecast from forecaster row {@code i} (-1: it only primed). */
    private void finish(int i, Row row, StateWriter writer, Emitter emitter) throws Exception {
        Sequence seq = row.seq;
        SeriesState st = row.state;
        if (i >= 0) {
            forecaster.storeState(i, stateOut);
            SeriesStates.setHidden(st, stateOut);
        } else if (row.hidden != null) {
            SeriesStates.setHidden(st, row.hidden);
        } else {
            st.setHidden(ByteBuffer.allocate(0));
        }
        long previous = st.getLastTimestamp() == null ? 0 : st.getLastTimestamp().toEpochMilli();
        RunningStats online = RunningStats.fromAvro(st.getScaler());
        inputs.absorb(online, seq.inputs, seq.steps(), row.previous);
        st.setScaler(online.toAvro());
        // At least the last step: the previous value of a differencing transform, the naive forecast.
        SeriesStates.remember(st, seq, Math.max(1, settings.rewarmSteps()));
        st.setStepsSeen(st.getStepsSeen() + row.modelSteps);
        st.setLastTimestamp(Instant.ofEpochMilli(seq.lastTimestamp()));
        st.setModelVersion(model.version());
        if (i < 0) {
            writer.write(seq.seriesId, stateCodec.encode(st));
            return;
        }
        Forecast forecast = ForecastFactory.make(forecaster, decoder.decode(forecaster, i, row.scale,
                seq.value(seq.steps() - 1)), seq, previous, st.getStepsSeen(), row.cold);
        st.setLastForecast(forecast);
        writer.write(seq.seriesId, stateCodec.encode(st));
        emitter.emit(seq.seriesId, forecastCodec.encode(forecast));
    }

    private void rejectSequence(Sequence seq, String cause, String reason, Consumer<Rejected> rejecter) {
        for (int step = 0; step < seq.steps(); step++) {
            double[] values = new double[seq.inputSize];
            System.arraycopy(seq.inputs, step * seq.inputSize, values, 0, seq.inputSize);
            Event e = new Event(seq.seriesId, seq.timestamps[step], values, null, -1, -1);
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
