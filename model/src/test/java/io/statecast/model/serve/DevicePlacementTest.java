package io.statecast.model.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DevicePlacementTest {

    @Test
    void bindsTheAssignedGpuOnTheCudaBackend() {
        DevicePlacement p = DevicePlacement.decide(OptionalInt.of(1), true, 2);
        assertThat(p.device()).hasValue(1);
        assertThat(p.misconfigured()).isFalse();
    }

    @Test
    void staysOnCpuWithAWarningWhenAGpuMeetsTheCpuBackend() {
        DevicePlacement p = DevicePlacement.decide(OptionalInt.of(0), false, 0);
        assertThat(p.device()).isEmpty();
        assertThat(p.misconfigured()).isTrue();
        assertThat(p.reason()).contains("CPU backend").contains("-Pcuda");
    }

    @Test
    void warnsWhenTheCudaBackendGetsNoGpu() {
        DevicePlacement p = DevicePlacement.decide(OptionalInt.empty(), true, 1);
        assertThat(p.device()).isEmpty();
        assertThat(p.misconfigured()).isTrue();
        assertThat(p.reason()).contains("no GPU is assigned");
    }

    @Test
    void plainCpuDeploymentsAreNotMisconfigured() {
        DevicePlacement p = DevicePlacement.decide(OptionalInt.empty(), false, 0);
        assertThat(p.device()).isEmpty();
        assertThat(p.misconfigured()).isFalse();
    }

    @Test
    void rejectsAGpuCudaDoesNotSee() {
        assertThatThrownBy(() -> DevicePlacement.decide(OptionalInt.of(2), true, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CUDA sees 1 device");
    }

    @Test
    void theTestBackendIsTheCpuOneAndBindingThereLeavesTheThreadAlone() {
        assertThat(Devices.cudaBackend()).isFalse();
        DevicePlacement p = Devices.placeCurrentThread(OptionalInt.of(0));
        assertThat(p.device()).isEmpty();
        assertThat(p.misconfigured()).isTrue();
    }
}
