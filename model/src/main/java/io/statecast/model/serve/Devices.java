package io.statecast.model.serve;

import java.util.OptionalInt;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner.ExecutionerType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's backend and device binding, for callers that must not touch ND4J themselves (the Flink jobs).
 * Binding is per thread: call it on the thread that will run the forecaster, before creating it.
 */
public final class Devices {

    private Devices() {}

    /** True if ND4J runs on its CUDA backend ({@code -Pcuda}: the build's, or a cluster's nd4j-lib.xml). */
    public static boolean cudaBackend() {
        return Nd4j.getExecutioner().type() == ExecutionerType.CUDA;
    }

    /**
     * Binds the calling thread's ND4J work to {@code assignedGpu} when ND4J runs on CUDA; otherwise
     * leaves it where it is. Returns what was decided, for the caller to log.
     */
    public static DevicePlacement placeCurrentThread(OptionalInt assignedGpu) {
        boolean cuda = cudaBackend();
        int devices = cuda ? Nd4j.getAffinityManager().getNumberOfDevices() : 0;
        DevicePlacement placement = DevicePlacement.decide(assignedGpu, cuda, devices);
        placement.device().ifPresent(d -> Nd4j.getAffinityManager().unsafeSetDevice(d));
        return placement;
    }
}
