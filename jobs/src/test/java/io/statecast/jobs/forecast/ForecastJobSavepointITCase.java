package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastJobFixture.N;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stop the ForecastJob with a savepoint in the middle of a window, feed it the rest of the data, restore
 * it (at the same and at a lower parallelism): the forecasts before and after equal an uninterrupted
 * run's, so the hidden states, the open windows and the source offsets all survived.
 */
@Timeout(180)
class ForecastJobSavepointITCase extends ForecastJobTestBase {

    /** Rows before the stop: row 21 is still buffered behind the watermark, so rows [0, 21) are released. */
    static final int ROWS_BEFORE_STOP = 22;
    static final int RELEASED_BEFORE_STOP = ROWS_BEFORE_STOP - 1;

    @ParameterizedTest(name = "restored at parallelism {0}")
    @ValueSource(ints = {2, 1})
    void restoredJobGoesOnAsIfNeverStopped(int restoredParallelism, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        try (ForecastJobFixture fx = newFixture()) {
            ExpectedForecasts stateLost =
                    ExpectedForecasts.offline(fx.model, fx.series, N, RELEASED_BEFORE_STOP);
            for (String series : fx.series.ids()) {
                int afterStop = fx.expected.windowsWithin(series, RELEASED_BEFORE_STOP);
                assertThat(stateLost.mean(series, afterStop))
                        .as("a restore without the hidden state of %s would show", series)
                        .isNotCloseTo(fx.expected.mean(series, afterStop),
                                org.assertj.core.data.Offset.offset(1e-3));
            }

            fx.series.produceRows(fx.io, fx.topics.events(), 0, ROWS_BEFORE_STOP);
            JobClient first = fx.start(ForecastJobFixture.flink(Duration.ofMillis(300)), 2);
            fx.awaitForecasts(fx.expected.count(RELEASED_BEFORE_STOP));
            String savepoint = fx.stopWithSavepoint(first);
            fx.expected.assertExactly(fx.allForecasts(), RELEASED_BEFORE_STOP);

            fx.series.produceRows(fx.io, fx.topics.events(), ROWS_BEFORE_STOP, ROWS);
            fx.series.produceRelease(fx.io, fx.topics.events());
            Configuration restore = ForecastJobFixture.flink(Duration.ofMillis(300));
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            JobClient second = fx.start(restore, restoredParallelism);
            fx.awaitForecasts(fx.expected.count(ROWS));
            RestoredCheckpointStats restored = cluster.getExecutionGraph(second.getJobID())
                    .get(10, TimeUnit.SECONDS).getCheckpointStatsSnapshot().getLatestRestoredCheckpoint();
            fx.stopWithSavepoint(second);

            assertThat(restored).as("restored from a savepoint").isNotNull();
            assertThat(restored.getExternalPath()).isEqualTo(savepoint);
            fx.expected.assertExactly(fx.allForecasts(), ROWS);
            assertThat(fx.allDeadLetters()).isEmpty();
        }
    }
}
