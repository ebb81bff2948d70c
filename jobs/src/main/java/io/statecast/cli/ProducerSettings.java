package io.statecast.cli;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of {@code statecast produce}: durable ({@code acks=all}, idempotent) and
 * batched. Public so the producer benchmark gives Kafka's own perf tool exactly the same ones.
 */
public final class ProducerSettings {

    private ProducerSettings() {}

    public static Map<String, String> durableBatched() {
        return Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                // A little lingering fills batches when the file is read faster than the broker acks.
                ProducerConfig.LINGER_MS_CONFIG, "10",
                ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(64 * 1024));
    }
}
