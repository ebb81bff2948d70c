package io.statecast.bench.pipeline;

import io.statecast.jobs.trainer.RetrainTask;
import io.statecast.jobs.trainer.TrainerJob;
import io.statecast.jobs.trainer.TrainerOptions;
import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicNames;
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
 * defaults, on a full replay buffer) timed twice; (2) the ForecastJob's throughput alone, with the
 * TrainerJob retraining back to back on the same machine, and alone again (MiniClusters, one LocalKafka).
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
        for (int run = 1; run <= 2; run++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            RetrainTask.Outcome o = new RetrainTask(buffer, serving, iterations,
                    defaults.get(TrainerOptions.LEARNING_RATE), batch,
                    defaults.get(TrainerOptions.VALIDATION_FRACTION)).call();
            double seconds = (System.nanoTime() - start) / 1e9;
            // OMP_NUM_THREADS=1: the native work runs on this thread, so its CPU time is the run's cost.
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("retraining run %d: %d series x %d steps, %d iterations x batch %d = %,d samples"
                    + " in %.2f s wall, %.2f s CPU (training + validation of both models) = %,.0f samples/s wall,"
                    + " %,.0f samples/s CPU;"
                    + " validation loss %.4f (serving %.4f)%n", run, buffer.size(),
                    defaults.get(TrainerOptions.BUFFER_STEPS), iterations, batch, iterations * batch, seconds,
                    cpuSeconds, iterations * batch / seconds, iterations * batch / cpuSeconds,
                    o.candidateLoss(), o.servingLoss());
        }
        if (!skipConcurrent) {
            concurrent(shape.model());
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

    private void concurrent(byte[] model) throws Exception {
        try (LocalKafka kafka = LocalKafka.builder().start()) {
            JobRuns runs = JobRuns.onPreProducedEvents(kafka, shape);
            JobRuns.Timing alone1 = runs.time("alone-1", model);
            JobClient trainer = startTrainer(runs, model);
            JobRuns.Timing withTrainer;
            long runsBefore;
            long runsAfter;
            try {
                runsBefore = awaitRetraining(Duration.ofMinutes(5));
                withTrainer = runs.time("with-trainer", model);
                runsAfter = OperatorMetrics.trainingRuns();
            } finally {
                JobRuns.stop(trainer);
            }
            JobRuns.Timing alone2 = runs.time("alone-2", model);
            System.out.println(alone1);
            System.out.println(withTrainer + String.format(" (trainer had started %d retraining runs before,"
                    + " %d by the end)", runsBefore, runsAfter));
            System.out.println(alone2);
            double alone = (alone1.eventsPerSecond() + alone2.eventsPerSecond()) / 2;
            System.out.printf("ForecastJob with / without TrainerJob: %,.0f / %,.0f = %.1f %% (drop %.1f %%,"
                    + " target <= 20 %%)%n", withTrainer.eventsPerSecond(), alone,
                    100 * withTrainer.eventsPerSecond() / alone,
                    100 * (1 - withTrainer.eventsPerSecond() / alone));
        }
    }

    /** The TrainerJob on the same events, retraining back to back (interval 1 s, no new samples needed). */
    private JobClient startTrainer(JobRuns runs, byte[] model) throws Exception {
        Configuration options = runs.options("trainer");
        options.set(TrainerOptions.GROUP_ID, "bench-trainer");
        options.set(TrainerOptions.RETRAIN_INTERVAL, Duration.ofSeconds(1));
        options.set(TrainerOptions.MIN_NEW_SAMPLES, 0);
        StreamExecutionEnvironment env = runs.environment(options);
        TrainerJob.buildPipeline(env, TrainerJob.TrainerIo.kafka(options), options, model);
        return JobRuns.start(env, "trainer");
    }

    /** Waits until the trainer has caught up enough to start a retraining run; returns the run count. */
    private static long awaitRetraining(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (OperatorMetrics.trainingRuns() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the TrainerJob started no retraining run within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return OperatorMetrics.trainingRuns();
    }
}
