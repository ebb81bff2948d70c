package io.statecast.bench.pipeline;

import io.statecast.kafka.TopicNames;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The load side of a pipeline benchmark: the Kafka broker, the event producer and the latency probe.
 * The jobs under test only see its bootstrap address; it runs in this JVM ({@link InProcessLoad}) or in
 * a child JVM that can be kept off the jobs' CPUs ({@link ChildProcessLoad}).
 */
interface BenchLoad extends AutoCloseable {

    String bootstrapServers();

    /** Creates the Statecast topics with this suffix ({@link TopicNames#withSuffix}) and names them. */
    TopicNames createTopics(String suffix, int partitions);

    /** Writes {@code rounds} events of each of {@code keys} keys into {@code topic}; returns the count. */
    long preProduce(String topic, int keys, int rounds);

    /**
     * Sends events of {@code keys} keys at {@code rate} per second for {@code length} while reading
     * {@code outputTopic}, and measures each output record's latency from its last input's send.
     *
     * @param identity whether the output records are the identity job's (else Forecasts)
     * @param skip     output records left out of the figures (the first window of every key)
     */
    LatencyRun latency(String eventsTopic, String outputTopic, int keys, double rate, Duration length,
            boolean identity, int skip) throws Exception;

    /** An admin client on the broker; the caller closes it. */
    default Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    @Override
    void close();

    /** What a paced run sent and measured. */
    record LatencyRun(long sent, double achievedPerSecond, String summary, String worstPerSecond) {}
}
