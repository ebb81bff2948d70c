package io.statecast.bench.pipeline;

import io.statecast.jobs.forecast.ForecastIo;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.kafka.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one job of a pipeline benchmark on its own MiniCluster against the {@link BenchLoad}'s broker: its own
 * output topics and consumer group on a shared events topic, timed until its output topic holds the
 * expected number of records.
 */
final class JobRuns {

    static final int PARTITIONS = 2;
    private static final Path CHECKPOINTS = temporaryDirectory();

    private final BenchLoad load;
    private final String eventsTopic;
    private final BenchShape shape;
    private final long events;

    JobRuns(BenchLoad load, String eventsTopic, BenchShape shape, long events) {
        this.load = load;
        this.eventsTopic = eventsTopic;
        this.shape = shape;
        this.events = events;
    }

    /** Runs on a fresh events topic that holds {@link BenchShape#rounds} events of every key. */
    static JobRuns onPreProducedEvents(BenchLoad load, BenchShape shape) {
        TopicNames data = load.createTopics("bench-data", PARTITIONS);
        long events = load.preProduce(data.events(), shape.keys, shape.rounds());
        System.out.printf("pre-produced %,d events (%,d keys x %d rounds) into %s%n", events, shape.keys,
                shape.rounds(), data.events());
        return new JobRuns(load, data.events(), shape, events);
    }

    /**
     * What one run took: from RUNNING to the first and to the last expected output record, the CPU
     * time of this JVM's threads in that time per stage ({@link ThreadCpu}) and its garbage collections.
     */
    record Timing(String job, long events, long outputs, double firstOutputSeconds, double seconds,
            Map<String, Long> cpuByStage, GcPauses.Summary gc) {
        double eventsPerSecond() {
            return events / seconds;
        }

        /** CPU nanoseconds per event, all threads of this JVM. */
        double cpuPerEvent() {
            return (double) cpuByStage.values().stream().mapToLong(Long::longValue).sum() / events;
        }

        @Override
        public String toString() {
            return String.format("%-14s %,d events -> %,d records: first output after %.2f s,"
                    + " last after %.2f s = %,.0f events/s%n%16sCPU %s%n%16sGC %s", job, events, outputs,
                    firstOutputSeconds, seconds, eventsPerSecond(), "", ThreadCpu.perEvent(cpuByStage, events, 0.02),
                    "", gc);
        }
    }

    /**
     * Runs the identity job ({@code model} null) or the ForecastJob serving {@code model} on the events
     * topic from the start, on a cleared heap, until one record per window of every key is out; cancels
     * it, returns the timing.
     */
    Timing time(String name, byte[] model) throws Exception {
        Bench.clearHeap();
        OperatorMetrics.clear();
        Configuration options = options(name);
        StreamExecutionEnvironment env = environment(options);
        ForecastIo io = ForecastIo.kafka(options);
        if (model == null) {
            IdentityJob.buildPipeline(env, io, options);
        } else {
            ForecastJob.buildPipeline(env, io, options, model);
        }
        JobClient client = start(env, name);
        ThreadCpu cpu = new ThreadCpu();
        try (GcPauses gc = new GcPauses()) {
            return await(name, cpu, gc, options.get(ForecastOptions.FORECASTS_TOPIC), events,
                    shape.expectedOutputs(), Duration.ofMinutes(10));
        } finally {
            stop(client);
        }
    }

    /** Options of a run: the shared events topic, fresh output topics and group, AT_LEAST_ONCE output. */
    Configuration options(String run) {
        TopicNames own = load.createTopics(run, PARTITIONS);
        Configuration conf = new Configuration();
        conf.set(ForecastOptions.BOOTSTRAP_SERVERS, load.bootstrapServers());
        conf.set(ForecastOptions.EVENTS_TOPIC, eventsTopic);
        conf.set(ForecastOptions.FORECASTS_TOPIC, own.forecasts());
        conf.set(ForecastOptions.MODELS_TOPIC, own.models());
        conf.set(ForecastOptions.DEADLETTERS_TOPIC, own.deadLetters());
        conf.set(ForecastOptions.GROUP_ID, "bench-" + run);
        conf.set(ForecastOptions.TRANSACTIONAL_ID_PREFIX, "bench-" + run);
        conf.set(ForecastOptions.WINDOW_STEPS, shape.steps);
        conf.set(ForecastOptions.PARALLELISM, PARTITIONS);
        // Events are written in event-time order: a step is released as soon as a later one arrives.
        conf.set(ForecastOptions.MAX_OUT_OF_ORDERNESS, Duration.ZERO);
        // Output visible when written (read_uncommitted semantics), not at the next checkpoint.
        conf.set(ForecastOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
        conf.addAll(Configuration.fromMap(shape.job));
        return conf;
    }

    /**
     * A local environment (MiniCluster at the options' parallelism) with the metrics probe. Watermark
     * interval and buffer timeout are the job's defaults unless --flink sets Flink's own keys.
     */
    StreamExecutionEnvironment environment(Configuration options) {
        Configuration cluster = new Configuration();
        OperatorMetrics.register(cluster);
        // File checkpoints as on a cluster: the trainer's replay buffer outgrows the 5 MB JobManager storage.
        cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CHECKPOINTS.toUri().toString());
        cluster.addAll(Configuration.fromMap(shape.flink));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                options.get(ForecastOptions.PARALLELISM), cluster);
        ForecastJob.configure(env, options);
        return env;
    }

    /** Submits the job built on {@code env} and waits until it is RUNNING. */
    static JobClient start(StreamExecutionEnvironment env, String name) throws Exception {
        JobClient client = env.executeAsync(name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (client.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not RUNNING within 60 s");
            }
            Thread.sleep(10);
        }
        return client;
    }

    /**
     * Waits until {@code topic} holds {@code expected} records; times from the call, CPU and collections from
     * {@code cpu}'s and {@code gc}'s start.
     */
    Timing await(String job, ThreadCpu cpu, GcPauses gc, String topic, long events, long expected, Duration timeout)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        double first = Double.NaN;
        try (Admin admin = load.admin()) {
            while (true) {
                long count = records(admin, topic);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (count > 0 && Double.isNaN(first)) {
                    first = seconds;
                }
                if (count >= expected) {
                    return new Timing(job, events, count, first, seconds, cpu.sinceStart(), gc.summary());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(job + ": only " + count + " of " + expected
                            + " records in "
                            + topic + " after " + timeout);
                }
                Thread.sleep(20);
            }
        }
    }

    /** A directory under java.io.tmpdir, deleted with its checkpoints when the JVM exits. */
    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("statecast-bench-checkpoints");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteDirectoryQuietly(dir.toFile()),
                    "delete-bench-checkpoints"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a checkpoint directory under java.io.tmpdir", e);
        }
    }

    static void stop(JobClient client) throws Exception {
        client.cancel().get(60, TimeUnit.SECONDS);
    }

    /** Records in all partitions of {@code topic} (the sum of their end offsets). */
    static long records(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()),
                        p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }
}
