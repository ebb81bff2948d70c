package io.statecast.jobs.forecast;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.statecast.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Every setting of the ForecastJob, with its default and description. The README's configuration table
 * is generated from these descriptions ({@code statecast forecast-job --help} prints them too).
 * Any key starting with {@code kafka.} is passed to the Kafka clients without the prefix
 * ({@code kafka.security.protocol}, {@code kafka.sasl.jaas.config}, ...).
 */
public final class ForecastOptions {

    /** Prefix of settings handed to the Kafka clients unchanged. */
    public static final String KAFKA_PREFIX = "kafka.";

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = key("bootstrap.servers")
            .stringType().defaultValue("127.0.0.1:9092")
            .withDescription("Kafka bootstrap servers, host:port[,host:port].");

    public static final ConfigOption<String> EVENTS_TOPIC = key("topic.events")
            .stringType().defaultValue(Topics.EVENTS)
            .withDescription("Topic of Avro TimeSeriesEvent records (single-object encoding), keyed by series id.");

    public static final ConfigOption<String> FORECASTS_TOPIC = key("topic.forecasts")
            .stringType().defaultValue(Topics.FORECASTS)
            .withDescription("Topic the Forecast records are written to, keyed by series id.");

    public static final ConfigOption<String> DEADLETTERS_TOPIC = key("topic.deadletters")
            .stringType().defaultValue(Topics.DEADLETTERS)
            .withDescription("Topic of DeadLetter records: every input the job could not use, with the reason.");

    public static final ConfigOption<String> MODELS_TOPIC = key("topic.models")
            .stringType().defaultValue(Topics.MODELS)
            .withDescription("Compacted topic of ModelSnapshot records; the job serves the newest valid one.");

    public static final ConfigOption<String> SCORES_TOPIC = key("topic.scores")
            .stringType().defaultValue(Topics.SCORES)
            .withDescription("Topic of ForecastScore records (each forecast point against its actual and the naive forecast), written when scores.enabled is true.");

    public static final ConfigOption<Boolean> SCORES_ENABLED = key("scores.enabled")
            .booleanType().defaultValue(false)
            .withDescription("Also write every scored forecast point to topic.scores (online accuracy is always in the metrics).");

    public static final ConfigOption<String> GROUP_ID = key("group.id")
            .stringType().defaultValue(Topics.FORECAST_GROUP)
            .withDescription("Consumer group of the job's Kafka sources.");

    public static final ConfigOption<String> MODEL_FILE = key("model.file")
            .stringType().noDefaultValue()
            .withDescription("ModelSnapshot file to serve until the models topic offers a newer version.");

    public static final ConfigOption<Integer> WINDOW_STEPS = key("window.steps")
            .intType().defaultValue(20)
            .withDescription("Steps n per sequence; a forecast is made every n events of a series (1: every event).");

    public static final ConfigOption<Integer> CHUNK_STEPS = key("window.chunk-steps")
            .intType().defaultValue(4)
            .withDescription("Released steps of a window go on to the RNN operator in chunks of about this many (per series, staggered across series), so each series' recurrent state advances while its window fills and a window's end costs at most this many steps; 1: every step at once (least work at a window's end, most per-step overhead); window.steps or more: one or two chunks per window.");

    public static final ConfigOption<Boolean> WINDOW_STAGGER = key("window.stagger")
            .booleanType().defaultValue(true)
            .withDescription("Shift each series' window boundaries by a phase from its id (its first window has 1 to n steps), so series whose events are aligned in time do not all complete their windows, and need their forecasts made and sent, in the same round; false: every series' windows start at its first step.");

    public static final ConfigOption<Integer> HORIZON = key("horizon")
            .intType().defaultValue(1)
            .withDescription("Forecast horizon h in steps; must match the model's.");

    public static final ConfigOption<Duration> RESAMPLE = key("resample")
            .durationType().noDefaultValue()
            .withDescription("Resample each series to this fixed interval (e.g. 1 min) with forward fill; unset: use events as they come.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = key("max-out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How late an event may arrive (event time) before it is dead-lettered as late.");

    public static final ConfigOption<Duration> IDLENESS = key("idleness")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("A source partition silent this long stops holding back the watermark.");

    public static final ConfigOption<Integer> BUNDLE_MAX_SIZE = key("bundle.max-size")
            .intType().defaultValue(1024)
            .withDescription("Chunks (each a series' steps released since the last flush) a bundle collects at most before it is flushed; a flush runs them in batched tensor steps of at most bundle.step-series series.");

    public static final ConfigOption<Integer> BUNDLE_STEP_SERIES = key("bundle.step-series")
            .intType().defaultValue(256)
            .withDescription("Series in one batched tensor step at most; a bigger bundle runs in several. On CPUs a step of 256 series costs as much per series as one of 1024, and their states stay in the core's cache between loading and storing them; on GPU task managers set it to bundle.max-size.");

    public static final ConfigOption<Duration> BUNDLE_MAX_LATENCY = key("bundle.max-latency")
            .durationType().defaultValue(Duration.ofMillis(20))
            .withDescription("A bundle is flushed at the latest this long after its first steps arrived.");

    public static final ConfigOption<Duration> WATERMARK_INTERVAL = key("watermark.interval")
            .durationType().defaultValue(Duration.ofMillis(25))
            .withDescription("How often the sources emit watermarks; a step waits for the next one before it is released, and each one flushes the RNN bundles: lower = less latency, smaller bundles. Unset: the cluster's pipeline.auto-watermark-interval if set, else this default.");

    public static final ConfigOption<Duration> CHECKPOINT_ALIGNMENT_TIMEOUT = key("checkpoint.alignment-timeout")
            .durationType().defaultValue(Duration.ofMillis(20))
            .withDescription("How long a checkpoint barrier may hold an operator's inputs back before the checkpoint goes on unaligned (the records in flight are saved with it): aligned, the RNN operator's inputs stalled forecasts for seconds at every checkpoint. Exactly-once either way; savepoints stay aligned. Unset: the cluster's execution.checkpointing.unaligned.enabled / aligned-checkpoint-timeout if set, else this default.");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT = key("buffer-timeout")
            .durationType().defaultValue(Duration.ofMillis(10))
            .withDescription("Longest wait of a partly filled network buffer between operators (two exchanges on the forecast path); 0 sends every record at once (most CPU). Unset: the cluster's execution.buffer-timeout.interval if set, else this default.");

    public static final ConfigOption<Duration> STATE_TTL = key("state.ttl")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("Per-series state (windowing buffers, RNN state) of a series whose last step is this long behind the watermark is dropped (event time, by timers).");

    public static final ConfigOption<String> SWAP_POLICY = key("model.swap-policy")
            .stringType().defaultValue("rewarm")
            .withDescription("What happens to hidden states when a new model arrives: rewarm (replay recent inputs), reset (start cold) or keep.");

    public static final ConfigOption<Integer> REWARM_STEPS = key("model.rewarm-steps")
            .intType().defaultValue(40)
            .withDescription("Recent inputs kept per series and replayed through a new model (rewarm policy); at least the last one is always kept (differencing models start from it), and as many as the served model's seasonal forecast combinations read (4 seasons).");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE = key("delivery.guarantee")
            .enumType(DeliveryGuarantee.class).defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
            .withDescription("Forecast and dead-letter delivery: EXACTLY_ONCE (Kafka transactions, read with isolation.level=read_committed), AT_LEAST_ONCE or NONE.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("transactional-id-prefix")
            .stringType().defaultValue("statecast-forecast")
            .withDescription("Prefix of the sink's Kafka transactional ids; unique per job on a cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = key("transaction.timeout")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("Kafka transaction timeout; must exceed the checkpoint interval and stay below the broker's transaction.max.timeout.ms (15 min by default).");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = key("checkpoint.interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Checkpoint interval; forecasts become visible to read_committed consumers at each checkpoint.");

    public static final ConfigOption<Integer> PARALLELISM = key("parallelism")
            .intType().defaultValue(2)
            .withDescription("Parallelism of the job.");

    private ForecastOptions() {}

    /** Every option, in the order the README lists them. */
    public static List<ConfigOption<?>> all() {
        return List.of(BOOTSTRAP_SERVERS, EVENTS_TOPIC, FORECASTS_TOPIC, DEADLETTERS_TOPIC, MODELS_TOPIC,
                SCORES_TOPIC, SCORES_ENABLED, GROUP_ID, MODEL_FILE, WINDOW_STEPS, CHUNK_STEPS, WINDOW_STAGGER,
                HORIZON, RESAMPLE, MAX_OUT_OF_ORDERNESS, IDLENESS, BUNDLE_MAX_SIZE, BUNDLE_STEP_SERIES, BUNDLE_MAX_LATENCY,
                WATERMARK_INTERVAL,
                BUFFER_TIMEOUT, CHECKPOINT_ALIGNMENT_TIMEOUT, STATE_TTL, SWAP_POLICY, REWARM_STEPS, DELIVERY_GUARANTEE,
                TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT, CHECKPOINT_INTERVAL, PARALLELISM);
    }

    /** The {@code kafka.}-prefixed settings, without the prefix, for the Kafka clients. */
    public static Properties kafkaProperties(Configuration conf) {
        Properties props = new Properties();
        for (Map.Entry<String, String> e : conf.toMap().entrySet()) {
            if (e.getKey().startsWith(KAFKA_PREFIX) && e.getKey().length() > KAFKA_PREFIX.length()) {
                props.setProperty(e.getKey().substring(KAFKA_PREFIX.length()), e.getValue());
            }
        }
        return props;
    }

    /** Checks the settings together; the message of the exception says what to change. */
    public static void validate(Configuration conf) {
        List<String> problems = new ArrayList<>();
        if (conf.get(WINDOW_STEPS) < 1) {
            problems.add(WINDOW_STEPS.key() + " must be >= 1, got " + conf.get(WINDOW_STEPS));
        }
        if (conf.get(CHUNK_STEPS) < 1) {
            problems.add(CHUNK_STEPS.key() + " must be >= 1, got " + conf.get(CHUNK_STEPS));
        }
        if (conf.get(HORIZON) < 1) {
            problems.add(HORIZON.key() + " must be >= 1, got " + conf.get(HORIZON));
        }
        if (conf.get(BUNDLE_MAX_SIZE) < 1) {
            problems.add(BUNDLE_MAX_SIZE.key() + " must be >= 1, got " + conf.get(BUNDLE_MAX_SIZE));
        }
        if (conf.get(BUNDLE_STEP_SERIES) < 1) {
            problems.add(BUNDLE_STEP_SERIES.key() + " must be >= 1, got " + conf.get(BUNDLE_STEP_SERIES));
        }
        if (conf.get(WATERMARK_INTERVAL).toMillis() < 1) {
            problems.add(WATERMARK_INTERVAL.key() + " must be at least 1 ms, got " + conf.get(WATERMARK_INTERVAL));
        }
        if (conf.get(BUFFER_TIMEOUT).isNegative()) {
            problems.add(BUFFER_TIMEOUT.key() + " must be >= 0, got " + conf.get(BUFFER_TIMEOUT));
        }
        if (conf.get(CHECKPOINT_ALIGNMENT_TIMEOUT).isNegative()) {
            problems.add(CHECKPOINT_ALIGNMENT_TIMEOUT.key() + " must be >= 0, got "
                    + conf.get(CHECKPOINT_ALIGNMENT_TIMEOUT));
        }
        if (conf.get(STATE_TTL).toMillis() < 1) {
            problems.add(STATE_TTL.key() + " must be at least 1 ms, got " + conf.get(STATE_TTL));
        }
        if (conf.getOptional(RESAMPLE).map(d -> d.isZero() || d.isNegative()).orElse(false)) {
            problems.add(RESAMPLE.key() + " must be a positive duration, got " + conf.get(RESAMPLE));
        }
        if (!List.of("rewarm", "reset", "keep").contains(conf.get(SWAP_POLICY))) {
            problems.add(SWAP_POLICY.key() + " must be rewarm, reset or keep, got " + conf.get(SWAP_POLICY));
        }
        if (conf.get(DELIVERY_GUARANTEE) == DeliveryGuarantee.EXACTLY_ONCE
                && conf.get(TRANSACTION_TIMEOUT).compareTo(conf.get(CHECKPOINT_INTERVAL)) <= 0) {
            problems.add(TRANSACTION_TIMEOUT.key() + " (" + conf.get(TRANSACTION_TIMEOUT)
                    + ") must be longer than " + CHECKPOINT_INTERVAL.key() + " (" + conf.get(CHECKPOINT_INTERVAL) + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid ForecastJob settings: " + String.join("; ", problems));
        }
    }
}
