package io.statecast.bench.pipeline;

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
}
