package io.statecast.jobs.forecast;

import io.statecast.model.serve.DevicePlacement;
import io.statecast.model.serve.Devices;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.slf4j.Logger;

/**
 * Picks the GPU a forecast subtask uses from the GPUs Flink assigned to its TaskManager (external
 * resource {@value #RESOURCE}, found by Flink's GPU driver) and binds the task thread's ND4J work to it.
 */
final class GpuAssignment {

    /** The external resource name in {@code external-resources: gpu}. */
    static final String RESOURCE = "gpu";
    /** The property Flink's GPU driver ({@code GPUInfo}) gives every GPU: its index on the node. */
    static final String INDEX = "index";

    private GpuAssignment() {}

    /**
     * The GPU for subtask {@code subtask}: the assigned GPUs ordered by index, taken in turn, so
     * TaskManagers with as many slots as GPUs give each subtask its own.
     */
    static OptionalInt choose(Collection<ExternalResourceInfo> gpus, int subtask) {
        if (gpus.isEmpty()) {
            return OptionalInt.empty();
        }
        List<Integer> indexes = gpus.stream().map(GpuAssignment::index).sorted().toList();
        return OptionalInt.of(indexes.get(subtask % indexes.size()));
    }

    /** Binds the calling thread (the task's) and logs the placement once: WARN if misconfigured. */
    static DevicePlacement bind(Collection<ExternalResourceInfo> gpus, int subtask, Logger log) {
        DevicePlacement placement = Devices.placeCurrentThread(choose(gpus, subtask));
        if (placement.misconfigured()) {
            log.warn("Forecast subtask {} runs ND4J without a GPU binding: {}", subtask, placement.reason());
        } else {
            log.info("Forecast subtask {} placement: {}", subtask, placement.reason());
        }
        return placement;
    }

    private static int index(ExternalResourceInfo gpu) {
        String value = gpu.getProperty(INDEX).orElseThrow(() -> new IllegalArgumentException(
                "GPU resource info has no '" + INDEX + "' property (keys " + gpu.getKeys()
                        + "); is external-resource.gpu.driver-factory.class Flink's GPUDriverFactory?"));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GPU index '" + value + "' is not a number", e);
        }
    }
}
