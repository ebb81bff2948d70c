package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The latency settings (and checkpoint alignment): job option, else the cluster's setting, else the job's default. */
class ForecastJobConfigureTest {

    private static StreamExecutionEnvironment configured(Configuration cluster, Configuration options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(cluster);
        ForecastJob.configure(env, options);
        return env;
    }

    @Test
    void withoutSettingsTheJobsLowLatencyDefaultsApply() {
        var env = configured(new Configuration(), new Configuration());
        assertThat(env.getBufferTimeout())
                .isEqualTo(ForecastOptions.BUFFER_TIMEOUT.defaultValue().toMillis());
        assertThat(env.getConfig().getAutoWatermarkInterval())
                .isEqualTo(ForecastOptions.WATERMARK_INTERVAL.defaultValue().toMillis());
        assertThat(env.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isTrue();
        assertThat(env.getCheckpointConfig().getAlignedCheckpointTimeout())
                .isEqualTo(ForecastOptions.CHECKPOINT_ALIGNMENT_TIMEOUT.defaultValue());
    }

    @Test
    void theClustersOwnSettingsAreKept() {
        Configuration cluster = new Configuration();
        cluster.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(70));
        cluster.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(300));
        cluster.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
        var env = configured(cluster, new Configuration());
        assertThat(env.getBufferTimeout()).isEqualTo(70);
        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(300);
        assertThat(env.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isFalse();
    }

    @Test
    void jobOptionsWinOverTheCluster() {
        Configuration cluster = new Configuration();
        cluster.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(70));
        cluster.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(300));
        Configuration options = new Configuration();
        options.set(ForecastOptions.BUFFER_TIMEOUT, Duration.ZERO);
        options.set(ForecastOptions.WATERMARK_INTERVAL, Duration.ofMillis(5));
        cluster.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
        options.set(ForecastOptions.CHECKPOINT_ALIGNMENT_TIMEOUT, Duration.ofMillis(100));
        var env = configured(cluster, options);
        assertThat(env.getBufferTimeout()).isZero();
        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(5);
        assertThat(env.getCheckpointConfig().isUnalignedCheckpointsEnabled()).isTrue();
        assertThat(env.getCheckpointConfig().getAlignedCheckpointTimeout()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aZeroWatermarkIntervalIsRefusedWithTheOptionName() {
        Configuration options = new Configuration();
        options.set(ForecastOptions.WATERMARK_INTERVAL, Duration.ZERO);
        assertThatThrownBy(() -> configured(new Configuration(), options))
                .hasMessageContaining("watermark.interval must be at least 1 ms");
    }
}
