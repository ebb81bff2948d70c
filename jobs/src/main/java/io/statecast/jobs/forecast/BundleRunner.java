package io.statecast.jobs.forecast;

import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.ingest.Event;
import io.statecast.jobs.ingest.Rejected;
import io.statecast.jobs.window.Sequence;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ServingModel;
import io.statecast.model.scale.RunningStats;
import io.statecast.model.scale.StandardScaler;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.SeriesState;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Runs one round of a bundle (at most one sequence per series) through the served model: reads each
 * series' state, re-warms or resets it after a model swap, loads states and scaled inputs into the rows of
 * one batch, runs the batch once per time step, then writes states back and emits forecasts.
 * Owns the model's batch buffers; not thread-safe.
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
    private Row[] rows;
    private int[] rewarmRows;
    private double[] scaled;
    private float[] stateOut;

    /** One series in the batch. */
    private static final class Row {
        Sequence seq;
        SeriesState state;
        StandardScaler scale;
        float[] hidden;
        boolean rewarm;
        boolean cold;
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
        rewarmRows = new int[rows.length];
        scaled = new double[next.inputSize()];
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
                rejectSequence(seq, rejecter);
                continue;
            }
            SeriesState st = reader.read(seq.seriesId);
            prepare(rows[n++], seq, st == null ? SeriesStates.fresh() : st);
        }
        if (n == 0) {
            return;
        }
        rewarm(n);
        for (int i = 0; i < n; i++) {
            Row row = rows[i];
            forecaster.loadState(i, row.hidden);
            for (int step = 0; step < row.seq.steps(); step++) {
                setScaledInput(i, step, row.seq.inputs, step * row.seq.inputSize, row.scale);
            }
        }
        long start = System.nanoTime();
        forecaster.run(n, settings.windowSteps());
        stepNanosPerKey.update((System.nanoTime() - start) / ((long) n * settings.windowSteps()));
        for (int i = 0; i < n; i++) {
            finish(i, rows[i], writer, emitter);
        }
    }

    private void prepare(Row row, Sequence seq, SeriesState st) {
        row.seq = seq;
        row.state = st;
        if (st.getLastForecast() != null && !st.getRecentInputs().isEmpty()) {
            List<Double> ring = st.getRecentInputs();
            scorer.score(st.getLastForecast(), ring.get(ring.size() - seq.inputSize), seq);
        }
        row.scale = model.scaleFor(seq.seriesId, st.getScaler());
        row.cold = st.getStepsSeen() < model.warmupSteps() || !model.knowsScale(seq.seriesId, st.getScaler());
        row.hidden = SeriesStates.hidden(st, forecaster.stateSize());
        row.rewarm = false;
        if (st.getModelVersion() != model.version() && row.hidden != null) {
            switch (settings.swapPolicy()) {
                case RESET -> row.hidden = null;
                case KEEP -> { }
                case REWARM -> row.rewarm = !st.getRecentInputs().isEmpty();
            }
        }
    }

    /** Replays the remembered inputs of re-warmed rows through the new model, in groups of equal length. */
    private void rewarm(int n) {
        while (true) {
            int steps = -1;
            int group = 0;
            for (int i = 0; i < n; i++) {
                Row row = rows[i];
                if (!row.rewarm) {
                    continue;
                }
                int len = Math.min(row.state.getRecentInputs().size() / model.inputSize(), settings.rewarmSteps());
                if (steps < 0) {
                    steps = len;
                }
                if (len != steps) {
                    continue;
                }
                double[] ring = SeriesStates.recentInputs(row.state);
                int from = ring.length - len * model.inputSize();
                forecaster.loadState(group, null);
                for (int s = 0; s < len; s++) {
                    setScaledInput(group, s, ring, from + s * model.inputSize(), row.scale);
                }
                row.rewarm = false;
                rewarmRows[group++] = i;
            }
            if (group == 0) {
                return;
            }
            forecaster.run(group, steps);
            for (int g = 0; g < group; g++) {
                Row row = rows[rewarmRows[g]];
                row.hidden = new float[forecaster.stateSize()];
                forecaster.storeState(g, row.hidden);
            }
        }
    }

    private void finish(int i, Row row, StateWriter writer, Emitter emitter) throws Exception {
        Sequence seq = row.seq;
        SeriesState st = row.state;
        forecaster.storeState(i, stateOut);
        SeriesStates.setHidden(st, stateOut);
        long previous = st.getLastTimestamp() == null ? 0 : st.getLastTimestamp().toEpochMilli();
        RunningStats online = RunningStats.fromAvro(st.getScaler());
        for (int step = 0; step < seq.steps(); step++) {
            online.add(seq.value(step));
        }
        st.setScaler(online.toAvro());
        SeriesStates.remember(st, seq, settings.rewarmSteps());
        st.setStepsSeen(st.getStepsSeen() + seq.steps());
        st.setLastTimestamp(Instant.ofEpochMilli(seq.lastTimestamp()));
        st.setModelVersion(model.version());
        Forecast forecast = ForecastFactory.make(forecaster, i, seq, row.scale, previous, st.getStepsSeen(), row.cold);
        st.setLastForecast(forecast);
        writer.write(seq.seriesId, stateCodec.encode(st));
        emitter.emit(seq.seriesId, forecastCodec.encode(forecast));
    }

    private void setScaledInput(int row, int step, double[] raw, int offset, StandardScaler scale) {
        System.arraycopy(raw, offset, scaled, 0, scaled.length);
        scaled[0] = scale.transform(scaled[0]);
        forecaster.setInput(row, step, scaled, 0);
    }

    private void rejectSequence(Sequence seq, Consumer<Rejected> rejecter) {
        String reason = "series " + seq.seriesId + " sends " + seq.inputSize + " inputs per step (value + "
                + "covariates) but the served model version " + model.version() + " takes " + model.inputSize();
        for (int step = 0; step < seq.steps(); step++) {
            double[] inputs = new double[seq.inputSize];
            System.arraycopy(seq.inputs, step * seq.inputSize, inputs, 0, seq.inputSize);
            Event e = new Event(seq.seriesId, seq.timestamps[step], inputs, null, -1, -1);
            rejecter.accept(DeadLetters.of(e, eventCodec, "forecast", "input_size_mismatch", reason));
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
