package io.statecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkConfigKeysTest {

    private final FlinkConfigKeys keys = FlinkConfigKeys.load();

    @Test
    void readsTheOptionsOfFlinkCoreAndRocksDb() {
        assertThat(keys.size()).isGreaterThan(300);
        assertKnown("taskmanager.numberOfTaskSlots", "state.backend.type", "execution.checkpointing.incremental",
                "state.backend.rocksdb.memory.managed");
    }

    @Test
    void acceptsPerNameKeysOnlyWithKnownSuffixes() {
        assertKnown("external-resource.gpu.amount", "external-resource.gpu.driver-factory.class",
                "external-resource.gpu.param.discovery-script.path", "metrics.reporter.prom.factory.class",
                "metrics.reporter.prom.port");
        assertUnknown("external-resource.gpu.param.discovery-script.pth", "external-resource.gpu.amont",
                "metrics.reporter.prom.prot");
    }

    @Test
    void rejectsTyposAndKeysDeprecatedIn2x() {
        assertThat(keys.problem("taskmanager.numberOfTaskSlot")).hasValueSatisfying(
                m -> assertThat(m).contains("taskmanager.numberOfTaskSlot").contains("not a Flink"));
        assertThat(keys.problem("state.checkpoints.dir")).hasValueSatisfying(
                m -> assertThat(m).contains("execution.checkpointing.dir"));
    }

    private void assertKnown(String... names) {
        for (String name : names) {
            assertThat(keys.problem(name)).as(name).isEmpty();
        }
    }

    private void assertUnknown(String... names) {
        for (String name : names) {
            assertThat(keys.problem(name)).as(name).isPresent();
        }
    }
}
