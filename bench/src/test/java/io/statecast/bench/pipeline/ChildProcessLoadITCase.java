package io.statecast.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.kafka.TopicNames;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load side in a child JVM answers the benchmark's commands with a real broker, and stops with it. */
@Timeout(180)
class ChildProcessLoadITCase {

    @Test
    void createsTopicsProducesEventsAndMeasuresAPacedRun() throws Exception {
        ChildProcessLoad load = new ChildProcessLoad(null);
        try (load) {
            TopicNames names = load.createTopics("child-load", 2);

            assertThat(load.preProduce(names.events(), 3, 4)).isEqualTo(12);
            assertThat(records(load, names.events())).isEqualTo(12);

            // Nothing writes forecasts here: the run still paces its events and reports that none came.
            BenchLoad.LatencyRun run = load.latency(names.events(), names.forecasts(), 3, 200,
                    Duration.ofSeconds(1), false, 0);
            assertThat(run.sent()).isBetween(150L, 250L);
            assertThat(run.achievedPerSecond()).isBetween(150.0, 250.0);
            assertThat(run.summary()).isEqualTo("no forecasts after the first 0 (got 0)");
            assertThat(records(load, names.events())).isEqualTo(12 + run.sent());
        }
        assertThat(load.isAlive()).isFalse();
    }

    private static long records(BenchLoad load, String topic) throws Exception {
        try (Admin admin = load.admin()) {
            return JobRuns.records(admin, topic);
        }
    }
}
