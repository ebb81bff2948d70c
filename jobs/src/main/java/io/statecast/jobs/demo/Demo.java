package io.statecast.jobs.demo;

import io.statecast.jobs.forecast.ForecastIo;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.trainer.TrainerJob;
import io.statecast.jobs.trainer.TrainerOptions;
import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicNames;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.offline.OfflineTraining;
import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.TrainingResult;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ValueTransform;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code statecast demo}: an embedded Kafka broker, a quickly trained initial model, the ForecastJob on
 * an in-process Flink cluster, the sidecar TrainerJob, a generator replaying series into the events topic, and a live console
 * reading the forecasts topic. {@link #run} returns when the duration is over or {@link #stop} is called.
 */
public final class Demo {

    /** Forecasts become readable at each checkpoint. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    /** Three checkpoints without a new forecast: the last ones have arrived. */
    private static final Duration QUIET = CHECKPOINT_INTERVAL.multipliedBy(3);
    private static final Duration LAST_FORECASTS_MAX = Duration.ofSeconds(20);

    /** What to run; {@code transform} is what the initial model (and so every retrained one) reads. */
    public record Settings(DemoData data, double eventsPerSecond, Duration duration, int windowSteps,
            int trainIterations, int parallelism, ValueTransform transform) {}

    private final Settings settings;
    private final PrintStream out;
    private volatile boolean stopRequested;

    public Demo(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public void stop() {
        stopRequested = true;
    }

    /** Runs the demo; returns the forecasts read by the console. */
    public long run() throws Exception {
        out.println("Starting an embedded Kafka broker...");
        try (LocalKafka kafka = LocalKafka.builder().port(0).start()) {
            kafka.createTopics(TopicNames.DEFAULT, 2);
            out.println("Kafka on " + kafka.bootstrapServers() + " (topics " + String.join(", ", TopicNames.DEFAULT.all())
                    + ")");
            byte[] model = train();
            Configuration conf = jobOptions(kafka.bootstrapServers());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            ForecastJob.configure(env, conf);
            ForecastJob.buildPipeline(env, ForecastIo.kafka(conf), conf, model);
            JobClient job = env.executeAsync("statecast-demo");
            out.println("ForecastJob " + job.getJobID() + " running (parallelism " + settings.parallelism()
                    + ", exactly-once, checkpoint every " + conf.get(ForecastOptions.CHECKPOINT_INTERVAL).toMillis()
                    + " ms: forecasts become readable at each checkpoint)");
            JobClient trainer = startTrainer(conf, model);
            out.println("TrainerJob " + trainer.getJobID() + " running: retrains every "
                    + conf.get(TrainerOptions.RETRAIN_INTERVAL).toSeconds() + " s on the streamed data and "
                    + "publishes a model only if it beats the serving one (watch the MAE per version)");
            try {
                return stream(kafka.bootstrapServers(), job);
            } finally {
                InProcessJobs.cancel(trainer);
            }
        }
    }

    private byte[] train() {
        Map<String, double[]> history = settings.data().history();
        out.printf("Training the initial model (LSTM, 32 units, Gaussian head, %s transform, %d iterations) "
                + "on the history of %d series...%n", settings.transform(), settings.trainIterations(),
                history.size());
        TrainerConfig config = TrainerConfig.builder().cell(CellType.LSTM).hiddenSize(32)
                .windowSteps(settings.windowSteps()).horizon(1).head(HeadType.GAUSSIAN)
                .batchSize(32).burnIn(settings.windowSteps()).maxIterations(settings.trainIterations())
                .evaluateEvery(50).build();
        long start = System.nanoTime();
        TrainingResult result = OfflineTraining.train(config, settings.transform(), history,
                (it, max, loss, val) -> {
                    if (!Double.isNaN(val)) {
                        out.printf("  iteration %4d/%d  train loss %.4f  validation loss %.4f%n", it, max, loss,
                                val);
                    }
                });
        out.printf("Model v1 ready in %.1f s (best validation loss %.4f at iteration %d)%n",
                (System.nanoTime() - start) / 1e9, result.bestValidationLoss(), result.bestIteration());
        return ModelSnapshots.toBytes(result.snapshot());
    }

    private JobClient startTrainer(Configuration conf, byte[] model) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TrainerJob.configure(env, conf);
        TrainerJob.buildPipeline(env, TrainerJob.TrainerIo.kafka(conf), conf, model);
        return env.executeAsync("statecast-demo-trainer");
    }

    private Configuration jobOptions(String bootstrap) {
        Configuration conf = new Configuration();
        conf.set(ForecastOptions.BOOTSTRAP_SERVERS, bootstrap);
        conf.set(ForecastOptions.WINDOW_STEPS, settings.windowSteps());
        conf.set(ForecastOptions.PARALLELISM, settings.parallelism());
        conf.set(ForecastOptions.CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL);
        conf.set(ForecastOptions.TRANSACTION_TIMEOUT, Duration.ofMinutes(1));
        conf.set(ForecastOptions.MAX_OUT_OF_ORDERNESS, Duration.ofSeconds(1));
        conf.set(ForecastOptions.IDLENESS, Duration.ofSeconds(2));
        conf.set(ForecastOptions.TRANSACTIONAL_ID_PREFIX, "statecast-demo-" + UUID.randomUUID());
        conf.set(TrainerOptions.RETRAIN_INTERVAL, Duration.ofSeconds(15));
        conf.set(TrainerOptions.MIN_NEW_SAMPLES, 1000);
        conf.set(TrainerOptions.ITERATIONS, 100);
        conf.set(TrainerOptions.BUFFER_STEPS, 200);
        conf.set(TrainerOptions.BUFFER_SERIES, 100);
        return conf;
    }

    private long stream(String bootstrap, JobClient job) throws Exception {
        long startTimestamp = System.currentTimeMillis() / DemoGenerator.STEP * DemoGenerator.STEP;
        DemoGenerator generator = new DemoGenerator(settings.data().live(), settings.data().liveSteps(), bootstrap,
                TopicNames.DEFAULT.events(), settings.eventsPerSecond(), startTimestamp);
        DemoConsole console = new DemoConsole(bootstrap, TopicNames.DEFAULT.forecasts(), settings.data().live(),
                generator, out);
        Thread producing = new Thread(generator, "demo-generator");
        Thread reading = new Thread(console, "demo-console");
        producing.start();
        reading.start();
        long deadline = System.nanoTime() + settings.duration().toNanos();
        while (!stopRequested && System.nanoTime() < deadline && producing.isAlive()
                && !job.getJobStatus().get().isTerminalState()) {
            Thread.sleep(200);
        }
        generator.stop();
        producing.join();
        awaitLastForecasts(console);
        console.stop();
        reading.join();
        InProcessJobs.cancel(job);
        summarize(generator, console);
        return console.forecasts();
    }

    /**
     * Waits for the forecasts of the last windows: they become readable at the checkpoints after the
     * generator stops. Done when none has arrived for {@link #QUIET}, or after {@link #LAST_FORECASTS_MAX}.
     */
    private static void awaitLastForecasts(DemoConsole console) throws InterruptedException {
        long start = System.nanoTime();
        long lastArrival = start;
        long seen = console.forecasts();
        while (System.nanoTime() - lastArrival < QUIET.toNanos()
                && System.nanoTime() - start < LAST_FORECASTS_MAX.toNanos()) {
            Thread.sleep(100);
            long now = console.forecasts();
            if (now != seen) {
                seen = now;
                lastArrival = System.nanoTime();
            }
        }
    }

    private void summarize(DemoGenerator generator, DemoConsole console) {
        out.printf("Done: %,d events sent, %,d forecasts read.%n", generator.eventsSent(), console.forecasts());
        console.mae().forEach((version, mae) -> out.printf(
                "Online MAE of model v%d: %.4g; naive forecast (last value): %.4g; over %,.0f forecasts%n",
                version, mae[0] / mae[2], mae[1] / mae[2], mae[2]));
        if (generator.failure() != null) {
            out.println("The generator failed: " + generator.failure());
        }
    }
}
