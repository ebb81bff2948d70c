package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.RnnForecastOperatorHarnessTest.forecasts;
import static io.statecast.jobs.forecast.TransformedForecastHarnessTest.N;
import static io.statecast.jobs.forecast.TransformedForecastHarnessTest.REWARM;
import static io.statecast.jobs.forecast.TransformedForecastHarnessTest.assertMatches;
import static io.statecast.jobs.forecast.TransformedForecastHarnessTest.open;
import static io.statecast.jobs.forecast.TransformedForecastHarnessTest.send;
import static io.statecast.jobs.forecast.TransformedForecastHarnessTest.walkForward;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.offline.SeriesForecasts;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ScalingPolicy;
import io.statecast.schemas.ValueTransform;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model whose forecast combination has a seasonal term reads more of a series' past than the
 * re-warm keeps: the operator remembers four seasons of values and forecasts what the walk-forward
 * forecasts from the whole series.
 */
class SeasonalForecastHarnessTest {

    /** Four seasons of 5 steps and one value: 21, more than the REWARM (8) kept otherwise. */
    private static final int PERIOD = 5;

    /** The DIFFERENCE test model with series a's combination set to these weights. */
    private static byte[] combined(double network, double seasonalMean, double seasonalChange) {
        ModelSnapshot snapshot = ModelSnapshots.fromBytes(
                TransformedModels.train(ValueTransform.DIFFERENCE, N, 1));
        ScalingPolicy scaling = snapshot.getScaling();
        scaling.getForecastWeights().put("a", network);
        scaling.getLastChangeWeights().put("a", 0.0);
        scaling.getSeasonalMeanWeights().put("a", seasonalMean);
        scaling.getSeasonalChangeWeights().put("a", seasonalChange);
        scaling.getSeasonalPeriods().put("a", PERIOD);
        return ModelSnapshots.toBytes(snapshot);
    }

    @Test
    void theOperatorKeepsFourSeasonsAndForecastsAsTheWalkForward() throws Exception {
        byte[] seasonal = combined(0.5, 0.25, 0.25);
        double[] a = TransformedModels.SERIES.get("a");
        SeriesForecasts expected = walkForward(seasonal, "a", a);
        try (var h = open(N, seasonal)) {
            send(h, "a", a, 0, 10 * N, N);
            List<Forecast> out = forecasts(h);
            assertThat(out).hasSize(10);
            for (int w = 0; w < out.size(); w++) {
                assertMatches(out.get(w), expected, (w + 1) * N - 1);
            }
        }
        // Those forecasts hold the seasonal term: without it they would be these.
        int next = 10 * N;
        double withoutSeason = walkForward(combined(0.5, 0, 0), "a", a).mean()[0][next];
        assertThat(expected.mean()[0][next]).isNotCloseTo(withoutSeason, within(0.01));
        assertThat(4 * PERIOD + 1).isGreaterThan(REWARM);
    }
}
