package io.statecast.bench.pipeline;

import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicNames;
import java.time.Duration;

/** The benchmark's broker, producer and latency probe in this JVM, sharing its CPUs with the jobs. */
final class InProcessLoad implements BenchLoad {

    private final LocalKafka kafka = LocalKafka.builder().start();

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public TopicNames createTopics(String suffix, int partitions) {
        TopicNames names = TopicNames.withSuffix(suffix);
        kafka.createTopics(names, partitions);
        return names;
    }

    @Override
    public long preProduce(String topic, int keys, int rounds) {
        try (BenchEvents producer = new BenchEvents(kafka.bootstrapServers(), topic, keys)) {
            return producer.preProduce(rounds, 1_000_000_000_000L);
        }
    }

    @Override
    public LatencyRun latency(String eventsTopic, String outputTopic, int keys, double rate, Duration length,
            boolean identity, int skip) throws Exception {
        LatencyProbe probe = new LatencyProbe(kafka.bootstrapServers(), outputTopic, JobRuns.PARTITIONS,
                identity ? IdentityJob::lastTimestamp : LatencyProbe::forecastLastInput);
        Thread probing = new Thread(probe, "latency-probe");
        probing.start();
        long sent;
        try (BenchEvents producer = new BenchEvents(kafka.bootstrapServers(), eventsTopic, keys)) {
            sent = producer.paced(rate, length);
        }
        // The last events' outputs are still on their way.
        Thread.sleep(2_000);
        probe.stop();
        probing.join();
        return new LatencyRun(sent, sent / (length.toMillis() / 1000.0), probe.summary(skip),
                probe.worstPerSecond(skip));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
