package io.statecast.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the calling thread spends in one training step of {@link TrainingStepBenchmark}'s
 * setups: a diagnostic next to JMH for shared machines, where wall-clock time mostly measures
 * waiting for a core. Not a replacement for the JMH numbers.
 *
 * <p>Usage: {@code java -cp ... io.statecast.bench.TrainingStepCpuTime lstm64|geronRnn100}
 */
public final class TrainingStepCpuTime {

    private static final int WARMUP_STEPS = 300;
    private static final int ROUNDS = 10;
    private static final int STEPS_PER_ROUND = 50;

    private TrainingStepCpuTime() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: TrainingStepCpuTime lstm64|geronRnn100");
            System.exit(2);
        }
        TrainingStepBenchmark.Fixture fixture = TrainingStepBenchmark.fixture(args[0]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP_STEPS; i++) {
            fixture.run();
        }
        double best = Double.MAX_VALUE;
        double sum = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < STEPS_PER_ROUND; i++) {
                fixture.run();
            }
            double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6 / STEPS_PER_ROUND;
            best = Math.min(best, ms);
            sum += ms;
        }
        System.out.printf("%s: thread CPU per training step: mean %.2f ms, best round %.2f ms"
                + " (%d rounds x %d steps after %d warm-up steps)%n", args[0], sum / ROUNDS, best,
                ROUNDS, STEPS_PER_ROUND, WARMUP_STEPS);
    }
}
