package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastJobFixture.N;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ForecastJob fails three times mid-stream, each time after a completed checkpoint and with
 * forecasts written to Kafka but not yet committed, and recovers from its checkpoints: a read_committed
 * consumer still sees exactly the forecasts of a failure-free run, none lost, none twice. On the heap
 * backend (the local cluster's) and on RocksDB (docker-compose's and Kubernetes'): the RNN operator
 * keeps its series' state differently on the two.
 */
@Timeout(180)
class ForecastJobFailureITCase extends ForecastJobTestBase {

    /** Rows fed per phase; the job fails once in each phase after the first. */
    static final int PHASE_ROWS = 10;
    static final int FAILURES = ROWS / PHASE_ROWS - 1;

    @ParameterizedTest(name = "state backend {0}")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void failuresWithForecastsInFlightLoseAndDuplicateNone(String backend, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        PoisonedDeadLetterSink.reset();
        try (ForecastJobFixture fx = newFixture()) {
            Configuration flink = ForecastJobFixture.flink(Duration.ofMillis(300));
            flink.set(StateBackendOptions.STATE_BACKEND, backend);
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2 * FAILURES);
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            ForecastIo kafka = ForecastIo.kafka(fx.options);
            JobClient job = fx.start(flink, 2, new ForecastIo(kafka.events(), kafka.models(),
                    kafka.forecasts(), new PoisonedDeadLetterSink()));

            fx.series.produceRows(fx.io, fx.topics.events(), 0, PHASE_ROWS);
            fx.awaitForecasts(fx.expected.count(PHASE_ROWS - 1));
            int aborted = 0;
            for (int phase = 1; phase <= FAILURES; phase++) {
                aborted += failMidPhase(fx, phase);
            }
            AccessExecutionGraph graph = cluster.getExecutionGraph(job.getJobID()).get(10, TimeUnit.SECONDS);
            fx.stopWithSavepoint(job);

            assertThat(PoisonedDeadLetterSink.thrown()).isEqualTo(FAILURES);
            for (AccessExecutionVertex task : graph.getAllExecutionVertices()) {
                assertThat(task.getCurrentExecutionAttempt().getAttemptNumber())
                        .as("restarts of %s", task.getTaskNameWithSubtaskIndex())
                        .isGreaterThanOrEqualTo(FAILURES);
            }
            assertThat(graph.getCheckpointStatsSnapshot().getCounts().getNumberOfRestoredCheckpoints())
                    .as("restores from a checkpoint").isGreaterThanOrEqualTo(FAILURES);
            fx.expected.assertExactly(fx.allForecasts(), ROWS);
            assertThat(fx.allForecasts(IsolationLevel.READ_UNCOMMITTED))
                    .as("the aborted attempts are still in the log").hasSizeGreaterThanOrEqualTo(
                            fx.expected.count(ROWS) + aborted);
        }
    }

    /**
     * Holds the dead-letter task on a poison record (so no checkpoint completes), feeds the phase's rows,
     * waits until their forecasts are written yet uncommitted, then lets the job fail and waits until
     * the restored job has committed them.
     *
     * @return how many forecasts were in flight when the job failed
     */
    private static int failMidPhase(ForecastJobFixture fx, int phase) throws InterruptedException {
        int from = phase * PHASE_ROWS;
        int to = from + PHASE_ROWS;
        boolean last = to == fx.series.rows();
        int committedBefore = fx.expected.count(from - 1);
        // Without the release event the last row of a phase is not behind the watermark yet.
        int committedAfter = fx.expected.count(last ? to : to - 1);
        String poison = PoisonedDeadLetterSink.POISON_PREFIX + phase;

        fx.io.sendRaw(fx.topics.events(), poison, "poison".getBytes(StandardCharsets.UTF_8));
        fx.io.flush();
        awaitHeld(poison);
        fx.series.produceRows(fx.io, fx.topics.events(), from, to);
        if (last) {
            fx.series.produceRelease(fx.io, fx.topics.events());
        }
        fx.awaitForecasts(IsolationLevel.READ_UNCOMMITTED, committedAfter);
        assertThat(fx.allForecasts()).as("committed while the checkpoints are held").hasSize(committedBefore);

        PoisonedDeadLetterSink.release(poison);
        fx.awaitForecasts(committedAfter);
        return committedAfter - committedBefore;
    }

    private static void awaitHeld(String poison) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!PoisonedDeadLetterSink.reached(poison)) {
            assertThat(System.nanoTime()).as("%s reached the dead-letter sink", poison).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
