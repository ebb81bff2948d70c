package io.statecast.jobs.trainer;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Settings of the TrainerJob. Connection, topics, window steps, horizon, checkpointing and {@code kafka.*}
 * settings are the ForecastJob's keys ({@link ForecastOptions}), so both jobs can share one configuration.
 */
public final class TrainerOptions {

    public static final ConfigOption<String> GROUP_ID = key("trainer.group.id")
            .stringType().defaultValue(Topics.TRAINER_GROUP)
            .withDescription("Consumer group of the trainer's events source (its own, apart from the forecast job's).");

    public static final ConfigOption<Duration> RETRAIN_INTERVAL = key("trainer.retrain-interval")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("How often a retraining run may start.");

    public static final ConfigOption<Integer> MIN_NEW_SAMPLES = key("trainer.min-new-samples")
            .intType().defaultValue(1000)
            .withDescription("Observations that must have arrived since the last run before the next one starts.");

    public static final ConfigOption<Integer> BUFFER_STEPS = key("trainer.buffer-steps")
            .intType().defaultValue(500)
            .withDescription("Most recent observations kept per series in the replay buffer.");

    public static final ConfigOption<Integer> BUFFER_SERIES = key("trainer.buffer-series")
            .intType().defaultValue(2000)
            .withDescription("Series kept in the replay buffer at most; beyond, a uniform sample of the series (those whose ids hash lowest, whatever their event counts).");

    public static final ConfigOption<Integer> ITERATIONS = key("trainer.iterations")
            .intType().defaultValue(200)
            .withDescription("Mini-batch updates per retraining run (warm-started from the serving model).");

    public static final ConfigOption<Double> LEARNING_RATE = key("trainer.learning-rate")
            .doubleType().defaultValue(0.001)
            .withDescription("Adam learning rate of retraining runs.");

    public static final ConfigOption<Integer> BATCH_SIZE = key("trainer.batch-size")
            .intType().defaultValue(32)
            .withDescription("Windows per mini-batch.");

    public static final ConfigOption<Double> VALIDATION_FRACTION = key("trainer.validation-fraction")
            .doubleType().defaultValue(0.2)
            .withDescription("Most recent fraction of each buffered series held out; a candidate is published only if, walked forward over it with the state carried, its MAE is below the serving model's (and, for Gaussian heads, its NLL not above).");

    public static final ConfigOption<String> MODEL_KEY = key("trainer.model-key")
            .stringType().defaultValue("statecast")
            .withDescription("Kafka key of the published snapshots on the compacted models topic.");

    public static final ConfigOption<Double> CPU_SHARE = key("trainer.cpu-share")
            .doubleType().defaultValue(0.25)
            .withDescription("Fraction of one core a retraining run may use, in (0, 1]: the run sleeps between training iterations in proportion to their CPU time (of the retraining thread; keep OMP_NUM_THREADS=1 so ND4J works on it), so retraining on the forecast job's machine cannot starve it. 1 = no pacing (e.g. when the trainer has its own TaskManager or pod with its own CPU limit).");

    private TrainerOptions() {}

    /** Every option the TrainerJob reads, the shared ones first. */
    public static List<ConfigOption<?>> all() {
        return List.of(ForecastOptions.BOOTSTRAP_SERVERS, ForecastOptions.EVENTS_TOPIC, ForecastOptions.MODELS_TOPIC,
                ForecastOptions.MODEL_FILE, ForecastOptions.WINDOW_STEPS, ForecastOptions.HORIZON,
                ForecastOptions.MAX_OUT_OF_ORDERNESS, ForecastOptions.IDLENESS, ForecastOptions.CHECKPOINT_INTERVAL,
                GROUP_ID, RETRAIN_INTERVAL, MIN_NEW_SAMPLES, BUFFER_STEPS, BUFFER_SERIES, ITERATIONS, LEARNING_RATE,
                BATCH_SIZE, VALIDATION_FRACTION, CPU_SHARE, MODEL_KEY);
    }
}
