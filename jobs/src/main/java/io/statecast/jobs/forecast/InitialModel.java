package io.statecast.jobs.forecast;

import io.statecast.model.serve.ServingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the model the job starts with: the {@code model.file} option if set, else the newest valid
 * snapshot on the models topic. Fails with a message saying how to provide one.
 */
public final class InitialModel {

    private static final Logger LOG = LoggerFactory.getLogger(InitialModel.class);

    private InitialModel() {}

    public static byte[] resolve(Configuration conf, Duration timeout) {
        if (conf.getOptional(ForecastOptions.MODEL_FILE).isPresent()) {
            Path file = Path.of(conf.get(ForecastOptions.MODEL_FILE));
            try {
                byte[] bytes = Files.readAllBytes(file);
                ServingModel.fromBytes(bytes);
                return bytes;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the model file " + file + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the model file " + file + " is not a valid model: "
                        + e.getMessage(), e);
            }
        }
        String topic = conf.get(ForecastOptions.MODELS_TOPIC);
        byte[] newest = newestOnTopic(conf, topic, timeout);
        if (newest == null) {
            throw new IllegalArgumentException("no model to serve: the topic " + topic + " holds no valid "
                    + "ModelSnapshot and no model file was given; train one (statecast train) and pass "
                    + ForecastOptions.MODEL_FILE.key() + ", or publish one to " + topic);
        }
        return newest;
    }

    /** The newest valid snapshot on a (compacted) models topic, or null when there is none. */
    public static byte[] newestOnTopic(Configuration conf, String topic, Duration timeout) {
        Properties p = ForecastOptions.kafkaProperties(conf);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, conf.get(ForecastOptions.BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "statecast-model-lookup-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return null;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            byte[] best = null;
            long bestVersion = Long.MIN_VALUE;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        long version = ServingModel.fromBytes(r.value()).version();
                        if (version > bestVersion) {
                            bestVersion = version;
                            best = r.value();
                        }
                    } catch (IllegalArgumentException e) {
                        LOG.warn("Skipping an invalid snapshot at {}-{}@{}: {}", topic, r.partition(), r.offset(),
                                e.getMessage());
                    }
                }
            }
            return best;
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
