package io.statecast.model.serve;

import java.util.OptionalInt;

/**
 * Where a thread's ND4J work runs: on a GPU ({@link #device()} present) or not, and why. A placement
 * is {@link #misconfigured()} when the cluster and ND4J's backend disagree (a GPU assigned to the CPU
 * backend, or the CUDA backend given no GPU); callers log those at WARN.
 */
public record DevicePlacement(OptionalInt device, boolean misconfigured, String reason) {

    /**
     * Decides the placement from the GPU the cluster assigned (if any), whether ND4J runs on its CUDA
     * backend, and how many CUDA devices it sees.
     *
     * @throws IllegalArgumentException if the assigned GPU is not one of the devices CUDA sees
     */
    public static DevicePlacement decide(OptionalInt assignedGpu, boolean cudaBackend, int cudaDevices) {
        if (assignedGpu.isPresent()) {
            int gpu = assignedGpu.getAsInt();
            if (!cudaBackend) {
                return new DevicePlacement(OptionalInt.empty(), true, "GPU " + gpu
                        + " is assigned but ND4J runs on its CPU backend; to use it, put the CUDA backend on"
                        + " the class path (a cluster's lib/: deploy/nd4j-lib.xml with -Pcuda; the CLI: build"
                        + " with -Pcuda)");
            }
            if (gpu < 0 || gpu >= cudaDevices) {
                throw new IllegalArgumentException("GPU " + gpu + " is assigned but CUDA sees " + cudaDevices
                        + " device(s); check that the discovery script and CUDA_VISIBLE_DEVICES agree");
            }
            return new DevicePlacement(OptionalInt.of(gpu), false, "GPU " + gpu + " assigned by the cluster");
        }
        if (cudaBackend) {
            return new DevicePlacement(OptionalInt.empty(), true, "ND4J runs on its CUDA backend but no GPU is "
                    + "assigned (configure Flink's external resource 'gpu'); ND4J uses its default device");
        }
        return new DevicePlacement(OptionalInt.empty(), false, "no GPU assigned and ND4J runs on its CPU backend");
    }
}
