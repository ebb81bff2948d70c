package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.offline.SeriesForecasts;
import io.statecast.model.offline.WalkForward;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ValueTransform;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The forecasts an uninterrupted ForecastJob must emit for a {@link TestSeries}: the model run offline
 * over each series' consecutive n-step windows, the hidden state carried from window to window (for a
 * model of a differencing transform: the offline walk-forward's forecasts at the windows' ends).
 */
final class ExpectedForecasts {

    private static final double TOLERANCE = 1e-5;

    private final Map<String, double[]> means;
    private final int steps;
    private final long modelVersion;
    /** Values that only prime the model's transform (0 or 1). */
    private final int lag;

    private ExpectedForecasts(Map<String, double[]> means, int steps, long modelVersion, int lag) {
        this.means = means;
        this.steps = steps;
        this.modelVersion = modelVersion;
        this.lag = lag;
    }

    /** {@link #offline(byte[], TestSeries, int)} for a LEVEL model, else {@link #walkForward}. */
    static ExpectedForecasts of(byte[] model, TestSeries series, int steps) {
        ServingModel serving = ServingModel.fromBytes(model);
        return serving.transform() == ValueTransform.LEVEL ? offline(model, series, steps)
                : walkForward(serving, series, steps);
    }

    /** The walk-forward's one-step forecast after the last value of each complete window. */
    static ExpectedForecasts walkForward(ServingModel model, TestSeries series, int steps) {
        Map<String, double[]> means = new LinkedHashMap<>();
        for (String id : series.ids()) {
            // One more value (any the transform reads), so the last window's forecast has a target.
            double[] v = Arrays.copyOf(series.values(id), series.rows() + 1);
            v[series.rows()] = v[series.rows() - 1];
            SeriesForecasts walked = new WalkForward(model, 1, 1.96).run(Map.of(id, v)).get(id);
            double[] m = new double[series.rows() / steps];
            for (int w = 0; w < m.length; w++) {
                m[w] = walked.oneStep()[(w + 1) * steps];
            }
            means.put(id, m);
        }
        return new ExpectedForecasts(means, steps, model.version(), ValueTransforms.lag(model.transform()));
    }

    /** The forecast of every complete window, state carried throughout. */
    static ExpectedForecasts offline(byte[] model, TestSeries series, int steps) {
        return offline(model, series, steps, -1);
    }

    /**
     * As {@link #offline(byte[], TestSeries, int)}, but every hidden state starts over at window
     * {@code resetAt}: what a job that lost its state there would emit (to show a test tells them apart).
     */
    static ExpectedForecasts offline(byte[] model, TestSeries series, int steps, int resetAt) {
        ServingModel serving = ServingModel.fromBytes(model);
        Map<String, double[]> means = new LinkedHashMap<>();
        for (String id : series.ids()) {
            double[] v = series.values(id);
            double[] m = new double[v.length / steps];
            try (BatchForecaster f = serving.newForecaster(1, steps)) {
                f.loadState(0, null);
                for (int w = 0; w < m.length; w++) {
                    if (w == resetAt) {
                        f.loadState(0, null);
                    }
                    for (int s = 0; s < steps; s++) {
                        f.setInput(0, s, v, w * steps + s);
                    }
                    f.run(1, steps);
                    m[w] = f.mean(0, 0);
                }
            }
            means.put(id, m);
        }
        return new ExpectedForecasts(means, steps, serving.version(), 0);
    }

    /** Forecasts of windows {@code [0, windows)} of every series. */
    int count(int windows) {
        return means.size() * windows;
    }

    double mean(String series, int window) {
        return means.get(series)[window];
    }

    /** The window a forecast closes, from its last input's event time. */
    int windowOf(Forecast f) {
        return TestSeries.row(f.getLastInputTimestamp().toEpochMilli()) / steps;
    }

    /**
     * Asserts that {@code forecasts} are exactly one forecast for each of windows {@code [0, windows)} of
     * every series: none missing, none twice, the offline mean, steps seen and model version.
     */
    void assertExactly(List<Forecast> forecasts, int windows) {
        Set<String> seen = new HashSet<>();
        for (Forecast f : forecasts) {
            String series = f.getSeriesId();
            int window = windowOf(f);
            assertThat(seen.add(series + "#" + window)).as("duplicate forecast %s", f).isTrue();
            assertThat(window).as("window of %s", f).isBetween(0, windows - 1);
            assertThat(f.getPoints().get(0).getMean()).as("%s window %d", series, window)
                    .isCloseTo(mean(series, window), within(TOLERANCE));
            assertThat(f.getStepsSeen()).as("steps seen by %s at window %d", series, window)
                    .isEqualTo((window + 1L) * steps - lag);
            assertThat(f.getModelVersion()).isEqualTo(modelVersion);
        }
        assertThat(forecasts).as("one forecast per window of each series").hasSize(count(windows));
    }
}
