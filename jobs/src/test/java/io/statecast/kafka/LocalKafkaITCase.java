package io.statecast.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker itself: topics, transactions with a consumer group, a restart on kept data. */
class LocalKafkaITCase {

    @TempDir
    Path dataDir;

    @Test
    void transactionsWorkAndKeptDataSurvivesARestart() throws Exception {
        TopicNames names = TopicNames.withSuffix("restart");
        try (LocalKafka kafka = LocalKafka.builder().dataDir(dataDir).start()) {
            assertThat(kafka.createTopics(names, 3)).containsExactlyElementsOf(names.all());
            assertTopicLayout(kafka, names);
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(names.events(), "a", "aborted"));
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(names.events(), "a", "committed"));
                producer.commitTransaction();
            }
            assertThat(readCommitted(kafka, names.events(), 1)).containsExactly("committed");
        }
        assertThat(dataDir).isNotEmptyDirectory();

        try (LocalKafka kafka = LocalKafka.builder().dataDir(dataDir).start()) {
            assertThat(kafka.createTopics(names, 3)).as("topics exist after restart").isEmpty();
            assertThat(readCommitted(kafka, names.events(), 1)).containsExactly("committed");
        }
    }

    @Test
    void aTemporaryDataDirIsDeletedOnClose() {
        Path dir;
        try (LocalKafka kafka = LocalKafka.builder().start()) {
            dir = kafka.dataDir();
            assertThat(dir).isDirectory();
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    private static void assertTopicLayout(LocalKafka kafka, TopicNames names) throws Exception {
        try (Admin admin = kafka.admin()) {
            var topics = admin.describeTopics(names.all()).allTopicNames().get();
            assertThat(topics.get(names.events()).partitions()).hasSize(3);
            assertThat(topics.get(names.forecasts()).partitions()).hasSize(3);
            assertThat(topics.get(names.models()).partitions()).hasSize(1);
            ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, names.models());
            Config config = admin.describeConfigs(List.of(models)).all().get().get(models);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(LocalKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-kafka-test");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads with a consumer group (so the offsets topic works) until {@code expected} values. */
    private static List<String> readCommitted(LocalKafka kafka, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, Topics.FORECAST_GROUP + "-test-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
            consumer.commitSync(Map.of());
        }
        return values;
    }
}
