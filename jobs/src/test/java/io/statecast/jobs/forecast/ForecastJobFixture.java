package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.testing.KafkaTestIo;
import io.statecast.jobs.testing.TestJobOptions;
import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicNames;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.DeadLetter;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.IsolationLevel;

/**
 * One ForecastJob under test: fresh topics on a broker, the job's options, a seeded model, the series
 * and their offline forecasts, and starting / stopping the job on the test's MiniCluster. Every test of
 * the job builds its setup from this, so they differ only in what they do to the job.
 */
final class ForecastJobFixture implements AutoCloseable {

    /** Steps per window. */
    static final int N = 5;
    static final Architecture ARCH = TestModels.architecture(CellType.GRU, 8, N, 1, HeadType.LAST_STEP);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);

    final TopicNames topics;
    /** The job's options (ForecastOptions); tests may change them before {@link #start}. */
    final Configuration options;
    final byte[] model;
    final TestSeries series;
    final ExpectedForecasts expected;
    /** Producer and read_committed reader on the broker's plaintext listener. */
    final KafkaTestIo io;
    private final Path savepoints;
    private final SingleObjectCodec<Forecast> forecastCodec = SingleObjectCodec.of(Forecast.class);
    private final SingleObjectCodec<DeadLetter> deadLetterCodec = SingleObjectCodec.of(DeadLetter.class);

    private ForecastJobFixture(LocalKafka kafka, TestSeries series, Path savepoints, byte[] model) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.topics = TopicNames.withSuffix(suffix);
        kafka.createTopics(topics, 2);
        this.options = TestJobOptions.forTopics(kafka.bootstrapServers(), topics, suffix, N);
        this.model = model;
        this.series = series;
        this.expected = ExpectedForecasts.of(model, series, N);
        this.io = new KafkaTestIo(kafka.bootstrapServers());
        this.savepoints = savepoints;
    }

    /**
     * New topics (2 partitions) on {@code kafka} and {@code seriesCount} series of {@code rows} events.
     *
     * @param savepoints where {@link #stopWithSavepoint} writes (a test's temporary directory)
     */
    static ForecastJobFixture create(LocalKafka kafka, int seriesCount, int rows, Path savepoints) {
        return new ForecastJobFixture(kafka, TestSeries.synthetic(seriesCount, rows), savepoints,
                TestModels.bytes(ARCH, 1, 3));
    }

    /** As {@link #create(LocalKafka, int, int, Path)}, serving {@code model} (of windows of {@link #N}). */
    static ForecastJobFixture create(LocalKafka kafka, TestSeries series, Path savepoints, byte[] model) {
        return new ForecastJobFixture(kafka, series, savepoints, model);
    }

    /** A MiniCluster of one task manager with two slots: room for the job at parallelism 2. */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** Flink settings of a run: the checkpoint interval, and no restarts (a failure fails at once). */
    static Configuration flink(Duration checkpointInterval) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /** Starts the job with the Kafka endpoints of {@link ForecastIo#kafka}. */
    JobClient start(Configuration flink, int parallelism) throws Exception {
        return start(flink, parallelism, ForecastIo.kafka(options));
    }

    /** Starts the job, built by {@link ForecastJob#buildPipeline}, on the MiniCluster of the test. */
    JobClient start(Configuration flink, int parallelism, ForecastIo endpoints) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(parallelism);
        ForecastJob.buildPipeline(env, endpoints, options, model);
        return env.executeAsync("forecast-job-" + topics.events());
    }

    /** Forecasts committed so far, waiting until there are at least {@code count}. */
    List<Forecast> awaitForecasts(int count) {
        return awaitForecasts(IsolationLevel.READ_COMMITTED, count);
    }

    /**
     * Forecasts a consumer at {@code isolation} sees, waiting until they cover at least {@code count}
     * windows (read_uncommitted also shows aborted attempts: those count once).
     */
    List<Forecast> awaitForecasts(IsolationLevel isolation, int count) {
        List<Forecast> got = io.read(isolation, topics.forecasts(), forecastCodec::decode,
                r -> windows(r) >= count, READ_TIMEOUT);
        assertThat(windows(got)).as("windows forecast (%s) within %s", isolation, READ_TIMEOUT)
                .isGreaterThanOrEqualTo(count);
        return got;
    }

    private static long windows(List<Forecast> forecasts) {
        return forecasts.stream().map(f -> f.getSeriesId() + "@" + f.getLastInputTimestamp())
                .distinct().count();
    }

    /** Dead letters committed so far, waiting until there are at least {@code count}. */
    List<DeadLetter> awaitDeadLetters(int count) {
        List<DeadLetter> got = io.read(IsolationLevel.READ_COMMITTED, topics.deadLetters(),
                deadLetterCodec::decode, r -> r.size() >= count, READ_TIMEOUT);
        assertThat(got).as("committed dead letters within %s", READ_TIMEOUT).hasSizeGreaterThanOrEqualTo(count);
        return got;
    }

    /** Every committed forecast; call once the job has stopped, so nothing more can come. */
    List<Forecast> allForecasts() {
        return allForecasts(IsolationLevel.READ_COMMITTED);
    }

    /** Every forecast a consumer at {@code isolation} sees; call once the job has stopped. */
    List<Forecast> allForecasts(IsolationLevel isolation) {
        return io.readAll(isolation, topics.forecasts(), forecastCodec::decode, READ_TIMEOUT);
    }

    /** Every committed dead letter; call once the job has stopped. */
    List<DeadLetter> allDeadLetters() {
        return io.readAll(IsolationLevel.READ_COMMITTED, topics.deadLetters(), deadLetterCodec::decode,
                READ_TIMEOUT);
    }

    /**
     * Stops the job with a canonical savepoint (no drain: windows still open stay in the state) and
     * waits until it has finished; the sinks have committed everything by then.
     */
    String stopWithSavepoint(JobClient job) throws Exception {
        String path = job.stopWithSavepoint(false, savepoints.toUri().toString(),
                SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        return path;
    }

    @Override
    public void close() {
        io.close();
    }
}
