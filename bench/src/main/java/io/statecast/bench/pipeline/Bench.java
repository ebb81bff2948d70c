package io.statecast.bench.pipeline;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.nd4j.linalg.factory.Nd4j;

/** Checks shared by the pipeline benchmarks' entry points. */
final class Bench {

    private Bench() {}

    /** One OMP thread per slot, as the jobs are deployed; the figures mean nothing otherwise. */
    static void requireOneOmpThread() {
        if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
            throw new IllegalStateException("run with OMP_NUM_THREADS=1 (one native thread per Flink slot)");
        }
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    /**
     * A full collection before a measured run, so that it starts from a heap clear of the runs before it,
     * and G1 told not to shrink the heap after it (the next job would start with a small young
     * generation). Without it the second ForecastJob run of the ABBA order paid for clearing the first's
     * state: concurrent marking and mixed collections on the job's one vCPU made it up to 48 % slower in
     * most runs, which the ABBA order cannot cancel.
     */
    static void clearHeap() {
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).setVMOption("MaxHeapFreeRatio", "100");
        System.gc();
    }
}
