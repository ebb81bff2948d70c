package io.statecast.bench.pipeline;

import io.statecast.jobs.trainer.CpuPacer;
import io.statecast.jobs.trainer.RetrainTask;
import io.statecast.jobs.trainer.TrainerJob;
import io.statecast.jobs.trainer.TrainerOptions;
import io.statecast.schemas.ModelSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 5's benchmark, in one JVM: (1) one retraining run ({@link RetrainTask} with the TrainerJob's
 * defaults, on a full replay buffer) timed without pacing (twice) and at the default CPU share; (2) the
 * ForecastJob's throughput alone, then with the TrainerJob retraining back to back on the same machine
 * at each CPU share asked for, each followed by another run alone (MiniClusters, one in-process broker).
 */
@Command(name = "retrain-bench", mixinStandardHelpOptions = true,
        description = "Retraining samples/s and wall time; ForecastJob throughput with and without the"
                + " TrainerJob.")
public final class RetrainBench implements Callable<Integer> {

    @Mixin
    BenchShape shape = new BenchShape();

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Option(names = "--skip-concurrent", description = "Only time the retraining run.")
    boolean skipConcurrent;

    @Option(names = "--cpu-shares", split = ",", paramLabel = "SHARE",
            description = "trainer.cpu-share of each concurrent run, in order. Default: the option's default"
                    + " and 1 (no pacing).")
    double[] cpuShares;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RetrainBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Bench.requireOneOmpThread();
        Configuration defaults = new Configuration();
        ModelSnapshot serving = BenchModel.lstm(shape.hidden, shape.steps);
        Map<String, double[]> buffer = replayBuffer(defaults.get(TrainerOptions.BUFFER_SERIES),
                defaults.get(TrainerOptions.BUFFER_STEPS));
        int iterations = defaults.get(TrainerOptions.ITERATIONS);
        int batch = defaults.get(TrainerOptions.BATCH_SIZE);
        double defaultShare = defaults.get(TrainerOptions.CPU_SHARE);
        double[] shares = {1, 1, defaultShare};
        for (int run = 1; run <= shares.length; run++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            CpuPacer pacer = CpuPacer.forShare(shares[run - 1]);
            RetrainTask.Outcome o = new RetrainTask(buffer, serving, iterations,
                    defaults.get(TrainerOptions.LEARNING_RATE), batch,
                    defaults.get(TrainerOptions.VALIDATION_FRACTION), pacer).call();
            double seconds = (System.nanoTime() - start) / 1e9;
            // OMP_NUM_THREADS=1: the native work runs on this thread, so its CPU time is the run's cost.
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("retraining run %d (cpu-share %.2f, paced %.2f s): %d series x %d steps,"
                    + " %d iterations x batch %d = %,d samples"
                    + " in %.2f s wall, %.2f s CPU (training + validation of both models) = %,.0f samples/s wall,"
                    + " %,.0f samples/s CPU;"
                    + " held-out MAE %.4f (serving %.4f)%n", run, shares[run - 1], pacer.pacedNanos() / 1e9,
                    buffer.size(),
                    defaults.get(TrainerOptions.BUFFER_STEPS), iterations, batch, iterations * batch, seconds,
                    cpuSeconds, iterations * batch / seconds, iterations * batch / cpuSeconds,
                    o.verdict().candidate().mae(), o.verdict().serving().mae());
        }
        if (!skipConcurrent) {
            concurrent(shape.model(), cpuShares != null ? cpuShares : new double[] {defaultShare, 1});
        }
        return 0;
    }

    /** Seeded noisy sines of different periods, as many and as long as the TrainerJob's buffer holds. */
    static Map<String, double[]> replayBuffer(int series, int length) {
        SplittableRandom random = new SplittableRandom(BenchModel.SEED);
        Map<String, double[]> buffer = new HashMap<>();
        for (int s = 0; s < series; s++) {
            double period = 5 + random.nextDouble(40);
            double[] values = new double[length];
            for (int t = 0; t < length; t++) {
                values[t] = Math.sin(2 * Math.PI * t / period) + 0.1 * random.nextDouble(-1, 1);
            }
            buffer.put("s" + s, values);
        }
        return buffer;
    }

    /** Alone, then per share: with the TrainerJob at that share, alone again; ratios against the runs beside. */
    private void concurrent(byte[] model, double[] shares) throws Exception {
        try (BenchLoad load = new InProcessLoad()) {
            JobRuns runs = JobRuns.onPreProducedEvents(load, shape);
            // A cold JVM runs the first job far slower than the next ones: warm up, then measure.
            System.out.println(runs.time("warm-up", model) + " (not compared)");
            JobRuns.Timing before = runs.time("alone-0", model);
            System.out.println(before);
            StringBuilder summary = new StringBuilder();
            for (int i = 0; i < shares.length; i++) {
                double rate = withTrainer(runs, model, shares[i], "with-trainer-" + (i + 1)).eventsPerSecond();
                JobRuns.Timing after = runs.time("alone-" + (i + 1), model);
                System.out.println(after);
                double alone = (before.eventsPerSecond() + after.eventsPerSecond()) / 2;
                summary.append(String.format("ForecastJob with TrainerJob at cpu-share %.2f / without: %,.0f /"
                        + " %,.0f = %.1f %% (drop %.1f %%, target <= 20 %%)%n", shares[i], rate, alone,
                        100 * rate / alone, 100 * (1 - rate / alone)));
                before = after;
            }
            System.out.print(summary);
        }
    }

    /** Times the ForecastJob while the TrainerJob retrains back to back at {@code share}. */
    private JobRuns.Timing withTrainer(JobRuns runs, byte[] model, double share, String name) throws Exception {
        JobClient trainer = startTrainer(runs, model, share, name);
        try {
            long runsBefore = awaitRetraining(Duration.ofMinutes(5));
            long cpuBefore = OperatorMetrics.retrainCpuMillis();
            long pacedBefore = OperatorMetrics.retrainPacedMillis();
            JobRuns.Timing timing = runs.time(name, model);
            System.out.println(timing + String.format(" (trainer at cpu-share %.2f: retraining runs %d -> %d;"
                    + " during the run its retraining thread used %,d ms CPU and rested %,d ms)", share,
                    runsBefore, OperatorMetrics.trainingRuns(), OperatorMetrics.retrainCpuMillis() - cpuBefore,
                    OperatorMetrics.retrainPacedMillis() - pacedBefore));
            return timing;
        } finally {
            JobRuns.stop(trainer);
        }
    }

    /** The TrainerJob on the same events, retraining back to back (interval 1 s, no new samples needed). */
    private JobClient startTrainer(JobRuns runs, byte[] model, double share, String name) throws Exception {
        Configuration options = runs.options("trainer-" + name);
        options.set(TrainerOptions.GROUP_ID, "bench-trainer-" + name);
        options.set(TrainerOptions.RETRAIN_INTERVAL, Duration.ofSeconds(1));
        options.set(TrainerOptions.MIN_NEW_SAMPLES, 0);
        options.set(TrainerOptions.CPU_SHARE, share);
        StreamExecutionEnvironment env = runs.environment(options);
        TrainerJob.buildPipeline(env, TrainerJob.TrainerIo.kafka(options), options, model);
        return JobRuns.start(env, "trainer");
    }

    /** Waits until the trainer has caught up enough to start a retraining run; returns the run count. */
    private static long awaitRetraining(Duration timeout) throws InterruptedException {
        long first = OperatorMetrics.trainingRuns();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (OperatorMetrics.trainingRuns() == first) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the TrainerJob started no retraining run within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return OperatorMetrics.trainingRuns();
    }
}
