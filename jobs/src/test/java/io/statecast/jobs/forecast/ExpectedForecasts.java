package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.jobs.window.SequenceWindower;
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
import java.util.stream.IntStream;

/**
 * The forecasts an uninterrupted ForecastJob must emit for a {@link TestSeries}: the model run offline
 * over each series' consecutive windows, staggered as the job's windowing cuts them by default (a
 * series' first window has {@link SequenceWindower#firstWindowSteps} steps, the others n), the hidden
 * state carried from window to window (for a model of a differencing transform: the offline
 * walk-forward's forecasts at the windows' ends).
 */
final class ExpectedForecasts {

    private static final double TOLERANCE = 1e-5;

    /** Per series, each window's forecast mean and the row its last step is. */
    private final Map<String, double[]> means;
    private final Map<String, int[]> ends;
    private final long modelVersion;
    /** Values that only prime the model's transform (0 or 1). */
    private final int lag;

    private ExpectedForecasts(Map<String, double[]> means, Map<String, int[]> ends, long modelVersion,
            int lag) {
        this.means = means;
        this.ends = ends;
        this.modelVersion = modelVersion;
        this.lag = lag;
    }

    /** {@link #offline(byte[], TestSeries, int)} for a LEVEL model, else {@link #walkForward}. */
    static ExpectedForecasts of(byte[] model, TestSeries series, int steps) {
        ServingModel serving = ServingModel.fromBytes(model);
        return serving.transform() == ValueTransform.LEVEL ? offline(model, series, steps)
                : walkForward(serving, series, steps);
    }

    /** The rows at which a series' complete windows end. */
    private static int[] windowEnds(String series, int rows, int steps) {
        int first = SequenceWindower.firstWindowSteps(series, steps);
        return IntStream.iterate(first - 1, end -> end < rows, end -> end + steps).toArray();
    }

    /** The walk-forward's one-step forecast after the last value of each complete window. */
    static ExpectedForecasts walkForward(ServingModel model, TestSeries series, int steps) {
        int lag = ValueTransforms.lag(model.transform());
        Map<String, double[]> means = new LinkedHashMap<>();
        Map<String, int[]> ends = new LinkedHashMap<>();
        for (String id : series.ids()) {
            // One more value (any the transform reads), so the last window's forecast has a target.
            double[] v = Arrays.copyOf(series.values(id), series.rows() + 1);
            v[series.rows()] = v[series.rows() - 1];
            SeriesForecasts walked = new WalkForward(model, 1, 1.96).run(Map.of(id, v)).get(id);
            // A first window of values that only prime the transform runs no model step: no forecast.
            int[] e = Arrays.stream(windowEnds(id, series.rows(), steps)).filter(end -> end >= lag).toArray();
            means.put(id, Arrays.stream(e).mapToDouble(end -> walked.oneStep()[end + 1]).toArray());
            ends.put(id, e);
        }
        return new ExpectedForecasts(means, ends, model.version(), lag);
    }

    /** The forecast of every complete window, state carried throughout. */
    static ExpectedForecasts offline(byte[] model, TestSeries series, int steps) {
        return offline(model, series, steps, Integer.MAX_VALUE);
    }

    /**
     * As {@link #offline(byte[], TestSeries, int)}, but every hidden state starts over at the window
     * after the last one complete within rows {@code [0, resetAfter)}: what a job that lost its state
     * there would emit (to show a test tells them apart).
     */
    static ExpectedForecasts offline(byte[] model, TestSeries series, int steps, int resetAfter) {
        ServingModel serving = ServingModel.fromBytes(model);
        Map<String, double[]> means = new LinkedHashMap<>();
        Map<String, int[]> ends = new LinkedHashMap<>();
        for (String id : series.ids()) {
            double[] v = series.values(id);
            int[] e = windowEnds(id, series.rows(), steps);
            double[] m = new double[e.length];
            try (BatchForecaster f = serving.newForecaster(1, steps)) {
                f.loadState(0, null);
                int from = 0;
                for (int w = 0; w < m.length; w++) {
                    if (from > 0 && e[w - 1] < resetAfter && e[w] >= resetAfter) {
                        f.loadState(0, null);
                    }
                    for (int s = from; s <= e[w]; s++) {
                        f.setInput(0, s - from, v, s);
                    }
                    f.run(1, e[w] + 1 - from);
                    m[w] = f.mean(0, 0);
                    from = e[w] + 1;
                }
            }
            means.put(id, m);
            ends.put(id, e);
        }
        return new ExpectedForecasts(means, ends, serving.version(), 0);
    }

    /** Forecasts of the windows complete within rows {@code [0, rows)} of every series. */
    int count(int rows) {
        return ends.keySet().stream().mapToInt(id -> windowsWithin(id, rows)).sum();
    }

    /** How many of a series' windows are complete within rows {@code [0, rows)}. */
    int windowsWithin(String series, int rows) {
        return (int) Arrays.stream(ends.get(series)).filter(end -> end < rows).count();
    }

    double mean(String series, int window) {
        return means.get(series)[window];
    }

    /** The window a forecast closes, from its last input's event time (negative: no window ends there). */
    int windowOf(Forecast f) {
        int row = TestSeries.row(f.getLastInputTimestamp().toEpochMilli());
        return Arrays.binarySearch(ends.get(f.getSeriesId()), row);
    }

    /**
     * Asserts that {@code forecasts} are exactly one forecast for each window complete within rows
     * {@code [0, rows)} of every series: none missing, none twice, the offline mean, steps seen and
     * model version.
     */
    void assertExactly(List<Forecast> forecasts, int rows) {
        Set<String> seen = new HashSet<>();
        for (Forecast f : forecasts) {
            String series = f.getSeriesId();
            int window = windowOf(f);
            assertThat(seen.add(series + "#" + window)).as("duplicate forecast %s", f).isTrue();
            assertThat(window).as("window of %s", f).isBetween(0, windowsWithin(series, rows) - 1);
            assertThat(f.getPoints().get(0).getMean()).as("%s window %d", series, window)
                    .isCloseTo(mean(series, window), within(TOLERANCE));
            assertThat(f.getStepsSeen()).as("steps seen by %s at window %d", series, window)
                    .isEqualTo(ends.get(series)[window] + 1L - lag);
            assertThat(f.getModelVersion()).isEqualTo(modelVersion);
        }
        assertThat(forecasts).as("one forecast per window of each series").hasSize(count(rows));
    }
}
