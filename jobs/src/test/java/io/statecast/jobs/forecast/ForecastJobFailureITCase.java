package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastJobFixture.N;
import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.ingest.Ingested;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ForecastJob fails three times mid-stream, each time after a completed checkpoint and in the middle
 * of a window, and recovers from its checkpoints: a read_committed consumer still sees exactly the
 * forecasts of a failure-free run.
 */
@Timeout(180)
class ForecastJobFailureITCase extends ForecastJobTestBase {

    /** Rows fed per phase; a failure point sits inside each phase after the first, mid-window. */
    static final int PHASE_ROWS = 10;
    static final String FAILING_SERIES = "series-0";
    static final int[] FAIL_AT_ROWS = {12, 22, 32};

    @Test
    void threeFailuresLoseAndDuplicateNoForecast(@InjectMiniCluster MiniCluster cluster) throws Exception {
        FailingEventDeserializer.reset();
        try (ForecastJobFixture fx = newFixture()) {
            Configuration flink = ForecastJobFixture.flink(Duration.ofMillis(300));
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            JobClient job = fx.start(flink, 2, failingIo(fx));

            // Each phase ends when its complete windows are committed: a checkpoint completed after the
            // previous failure, and the next failure hits a job with state to restore.
            for (int from = 0; from < ROWS; from += PHASE_ROWS) {
                int to = from + PHASE_ROWS;
                fx.series.produceRows(fx.io, fx.topics.events(), from, to);
                boolean last = to == ROWS;
                if (last) {
                    fx.series.produceRelease(fx.io, fx.topics.events());
                }
                // Without the release the last row is not behind the watermark yet.
                fx.awaitForecasts(fx.expected.count((last ? to : to - 1) / N));
            }
            AccessExecutionGraph graph = cluster.getExecutionGraph(job.getJobID()).get(10, TimeUnit.SECONDS);
            fx.stopWithSavepoint(job);

            assertThat(FailingEventDeserializer.injected()).isEqualTo(FAIL_AT_ROWS.length);
            for (AccessExecutionVertex task : graph.getAllExecutionVertices()) {
                assertThat(task.getCurrentExecutionAttempt().getAttemptNumber())
                        .as("restarts of %s", task.getTaskNameWithSubtaskIndex())
                        .isGreaterThanOrEqualTo(FAIL_AT_ROWS.length);
            }
            assertThat(graph.getCheckpointStatsSnapshot().getCounts().getNumberOfRestoredCheckpoints())
                    .as("restores from a checkpoint").isGreaterThanOrEqualTo(FAIL_AT_ROWS.length);
            fx.expected.assertExactly(fx.allForecasts(), ROWS / N);
            assertThat(fx.allDeadLetters()).isEmpty();
        }
    }

    /** The job's Kafka endpoints, with an events source that fails at {@link #FAIL_AT_ROWS}. */
    private static ForecastIo failingIo(ForecastJobFixture fx) {
        long[] failAt = new long[FAIL_AT_ROWS.length];
        for (int i = 0; i < failAt.length; i++) {
            failAt[i] = TestSeries.timestamp(FAIL_AT_ROWS[i]);
        }
        KafkaSource<Ingested> events = KafkaSource.<Ingested>builder()
                .setBootstrapServers(fx.options.get(ForecastOptions.BOOTSTRAP_SERVERS))
                .setTopics(fx.topics.events())
                .setGroupId(fx.options.get(ForecastOptions.GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new FailingEventDeserializer(FAILING_SERIES, failAt))
                .setProperty("isolation.level", "read_committed")
                .build();
        ForecastIo kafka = ForecastIo.kafka(fx.options);
        return new ForecastIo(events, kafka.models(), kafka.forecasts(), kafka.deadLetters());
    }
}
