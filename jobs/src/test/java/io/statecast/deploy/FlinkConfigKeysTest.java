package io.statecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkConfigKeysTest {

    private final FlinkConfigKeys keys = FlinkConfigKeys.load();

    @Test
    void readsTheOptionsOfFlinkCoreAndRocksDb() {
        assertThat(keys.size()).isGreaterThan(300);
        assertThat(keys.problem("taskmanager.numberOfTaskSlots")).isEmpty();
        assertThat(keys.problem("state.backend.type")).isEmpty();
        assertThat(keys.problem("execution.checkpointing.incremental")).isEmpty();
        assertThat(keys.problem("state.backend.rocksdb.memory.managed")).isEmpty();
    }

    @Test
    void acceptsPerNameKeysOnlyWithKnownSuffixes() {
        assertThat(keys.problem("external-resource.gpu.amount")).isEmpty();
        assertThat(keys.problem("external-resource.gpu.driver-factory.class")).isEmpty();
        assertThat(keys.problem("external-resource.gpu.param.discovery-script.path")).isEmpty();
        assertThat(keys.problem("external-resource.gpu.param.discovery-script.pth")).isPresent();
        assertThat(keys.problem("external-resource.gpu.amont")).isPresent();
        assertThat(keys.problem("metrics.reporter.prom.factory.class")).isEmpty();
        assertThat(keys.problem("metrics.reporter.prom.port")).isEmpty();
        assertThat(keys.problem("metrics.reporter.prom.prot")).isPresent();
    }

    @Test
    void rejectsTyposAndKeysDeprecatedIn2x() {
        assertThat(keys.problem("taskmanager.numberOfTaskSlot")).hasValueSatisfying(
                m -> assertThat(m).contains("taskmanager.numberOfTaskSlot").contains("not a Flink"));
        assertThat(keys.problem("state.checkpoints.dir")).hasValueSatisfying(
                m -> assertThat(m).contains("execution.checkpointing.dir"));
    }
}
