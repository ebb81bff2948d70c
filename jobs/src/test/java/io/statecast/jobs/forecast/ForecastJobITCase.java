package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastJobFixture.N;
import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastScore;
import io.statecast.schemas.ValueTransform;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.IsolationLevel;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole ForecastJob on a MiniCluster (parallelism 2) against a real embedded Kafka broker: one
 * forecast per completed window of every series, exactly once, with the values of the model run offline;
 * with scores enabled, one score per forecast whose actual arrived, exactly once; a LOG_DIFFERENCE
 * model's forecasts are the offline walk-forward's.
 */
@Timeout(90)
class ForecastJobITCase extends ForecastJobTestBase {

    @Test
    void forecastsEveryCompletedWindowExactlyOnceWithTheOfflineValues() throws Exception {
        try (ForecastJobFixture fx = newFixture()) {
            fx.options.set(ForecastOptions.SCORES_ENABLED, true);
            fx.series.produceRows(fx.io, fx.topics.events(), 0, ROWS);
            fx.series.produceRelease(fx.io, fx.topics.events());
            JobClient job = fx.start(ForecastJobFixture.flink(Duration.ofMillis(300)), 2);
            fx.awaitForecasts(fx.expected.count(ROWS));
            fx.stopWithSavepoint(job);

            List<Forecast> forecasts = fx.allForecasts();
            fx.expected.assertExactly(forecasts, ROWS);
            assertThat(fx.allDeadLetters()).isEmpty();
            assertScoresMatch(forecasts, fx.io.readAll(IsolationLevel.READ_COMMITTED, fx.topics.scores(),
                    SingleObjectCodec.of(ForecastScore.class)::decode, Duration.ofSeconds(30)));
        }
    }

    /**
     * A LOG_DIFFERENCE model (trained on the series, so their scalers are fixed) serves end to end: every
     * window's forecast is the offline walk-forward's, the first window one step short (its first value
     * only primes the transform).
     */
    @Test
    void servesALogDifferenceModelWithTheWalkForwardsForecasts() throws Exception {
        TestSeries series = TestSeries.synthetic(SERIES, ROWS);
        byte[] model = ModelSnapshots.toBytes(TransformedModels.trainOn(series.all(),
                ValueTransform.LOG_DIFFERENCE, N, 1));
        try (ForecastJobFixture fx = ForecastJobFixture.create(KAFKA.get(), series, savepoints, model)) {
            fx.series.produceRows(fx.io, fx.topics.events(), 0, ROWS);
            fx.series.produceRelease(fx.io, fx.topics.events());
            JobClient job = fx.start(ForecastJobFixture.flink(Duration.ofMillis(300)), 2);
            fx.awaitForecasts(fx.expected.count(ROWS));
            job.cancel().get();
            fx.expected.assertExactly(fx.allForecasts(), ROWS);
        }
    }

    /** Every forecast but each series' last is scored once, against the forecast's own mean. */
    private static void assertScoresMatch(List<Forecast> forecasts, List<ForecastScore> scores) {
        Map<String, Double> means = forecasts.stream().collect(Collectors.toMap(
                f -> f.getSeriesId() + "@" + f.getLastInputTimestamp().toEpochMilli(),
                f -> f.getPoints().get(0).getMean()));
        assertThat(scores).hasSize(forecasts.size() - SERIES);
        assertThat(scores.stream().map(s -> s.getSeriesId() + "@" + s.getForecastFrom().toEpochMilli())
                .distinct()).hasSize(scores.size());
        for (ForecastScore s : scores) {
            Double mean = means.get(s.getSeriesId() + "@" + s.getForecastFrom().toEpochMilli());
            assertThat(mean).as("forecast scored by %s", s).isNotNull();
            assertThat(s.getForecast()).isEqualTo(mean);
            assertThat(s.getAbsError()).isEqualTo(Math.abs(s.getActual() - mean));
            assertThat(s.getTimestamp()).isAfter(s.getForecastFrom());
        }
    }
}
