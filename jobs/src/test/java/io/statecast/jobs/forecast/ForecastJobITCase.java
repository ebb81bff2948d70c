package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastJobFixture.N;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole ForecastJob on a MiniCluster (parallelism 2) against a real embedded Kafka broker: one
 * forecast per completed window of every series, exactly once, with the values of the model run offline.
 */
@Timeout(90)
class ForecastJobITCase extends ForecastJobTestBase {

    @Test
    void forecastsEveryCompletedWindowExactlyOnceWithTheOfflineValues() throws Exception {
        try (ForecastJobFixture fx = newFixture()) {
            fx.series.produceRows(fx.io, fx.topics.events(), 0, ROWS);
            fx.series.produceRelease(fx.io, fx.topics.events());
            JobClient job = fx.start(ForecastJobFixture.flink(Duration.ofMillis(300)), 2);
            int windows = ROWS / N;
            fx.awaitForecasts(fx.expected.count(windows));
            fx.stopWithSavepoint(job);

            fx.expected.assertExactly(fx.allForecasts(), windows);
            assertThat(fx.allDeadLetters()).isEmpty();
        }
    }
}
