package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.model.serve.DevicePlacement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class GpuAssignmentTest {

    private final RecordingLogger log = new RecordingLogger();

    /** What Flink's GPU driver hands a task: one info per GPU with its {@code index} property. */
    private record Info(Map<String, String> properties) implements ExternalResourceInfo {
        static Info gpu(String index) {
            return new Info(Map.of(GpuAssignment.INDEX, index));
        }

        @Override
        public Optional<String> getProperty(String key) {
            return Optional.ofNullable(properties.get(key));
        }

        @Override
        public Collection<String> getKeys() {
            return properties.keySet();
        }
    }

    @Test
    void givesEachSubtaskOfATaskManagerItsOwnGpuInIndexOrder() {
        List<ExternalResourceInfo> gpus = List.of(Info.gpu("3"), Info.gpu("1"));
        assertThat(GpuAssignment.choose(gpus, 0)).hasValue(1);
        assertThat(GpuAssignment.choose(gpus, 1)).hasValue(3);
        assertThat(GpuAssignment.choose(gpus, 2)).hasValue(1);
        assertThat(GpuAssignment.choose(List.of(), 0)).isEmpty();
    }

    @Test
    void rejectsResourceInfosThatAreNotGpus() {
        assertThatThrownBy(() -> GpuAssignment.choose(List.of(new Info(Map.of("id", "x"))), 0))
                .hasMessageContaining("no 'index' property").hasMessageContaining("GPUDriverFactory");
        assertThatThrownBy(() -> GpuAssignment.choose(List.of(Info.gpu("GPU-0")), 0))
                .hasMessageContaining("not a number");
    }

    @Test
    void anAssignedGpuOnTheCpuBackendFallsBackToCpuWithOneWarning() {
        DevicePlacement p = GpuAssignment.bind(List.of(Info.gpu("0")), 0, log);
        assertThat(p.device()).isEmpty();
        assertThat(p.misconfigured()).isTrue();
        assertThat(log.lines).singleElement().asString()
                .startsWith("WARN").contains("GPU 0").contains("CPU backend");
    }

    @Test
    void noGpuOnTheCpuBackendIsTheNormalCpuDeployment() {
        DevicePlacement p = GpuAssignment.bind(List.of(), 0, log);
        assertThat(p.device()).isEmpty();
        assertThat(p.misconfigured()).isFalse();
        assertThat(log.lines).singleElement().asString().startsWith("INFO");
    }

    /** Keeps every log line as "LEVEL message" (a real slf4j Logger, not a mock). */
    private static final class RecordingLogger extends LegacyAbstractLogger {
        final List<String> lines = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable t) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, args));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }


        @Override
        public boolean isDebugEnabled() {
            return true;
        }


        @Override
        public boolean isInfoEnabled() {
            return true;
        }


        @Override
        public boolean isWarnEnabled() {
            return true;
        }


        @Override
        public boolean isErrorEnabled() {
            return true;
        }

    }
}
