package io.statecast.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterJobTest {

    @Test
    void namesMapToTheJobsMainClasses() {
        assertThat(ClusterJob.named("forecast").entryClass()).isEqualTo("io.statecast.jobs.forecast.ForecastJob");
        assertThat(ClusterJob.named("trainer").entryClass()).isEqualTo("io.statecast.jobs.trainer.TrainerJob");
        assertThatThrownBy(() -> ClusterJob.named("Forecast")).hasMessageContaining("use forecast or trainer");
    }

    @Test
    void passesKnownOptionsAndKafkaSettingsThrough() {
        List<String> args = List.of("--bootstrap.servers", "b:9092", "--kafka.security.protocol", "SSL",
                "--window.steps", "12");
        assertThat(ClusterJob.FORECAST.programArgs(args)).isEqualTo(args);
    }

    @Test
    void makesTheModelFileAbsoluteForTheJobManager() {
        assertThat(ClusterJob.TRAINER.programArgs(List.of("--model.file", "m.snapshot")))
                .containsExactly("--model.file", Path.of("m.snapshot").toAbsolutePath().toString());
    }

    @Test
    void rejectsWhatTheJobWouldNotUnderstand() {
        assertThatThrownBy(() -> ClusterJob.TRAINER.programArgs(List.of("--bundle.max-size", "8")))
                .hasMessageContaining("'--bundle.max-size' is not an option of the trainer job");
        assertThatThrownBy(() -> ClusterJob.FORECAST.programArgs(List.of("window.steps", "8")))
                .hasMessageContaining("is not an option");
        assertThatThrownBy(() -> ClusterJob.FORECAST.programArgs(List.of("--kafka.", "x")))
                .hasMessageContaining("is not an option");
        assertThatThrownBy(() -> ClusterJob.FORECAST.programArgs(List.of("--horizon")))
                .hasMessageContaining("--horizon needs a value");
    }
}
