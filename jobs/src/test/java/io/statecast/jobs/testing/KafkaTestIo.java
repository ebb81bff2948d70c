package io.statecast.jobs.testing;

import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain Kafka clients for pipeline tests: write events or raw bytes, read a topic back as a
 * {@code read_committed} (or {@code read_uncommitted}) consumer would. Reads assign every partition
 * (no consumer group to join) and start from the beginning each time, so every call sees the whole
 * topic.
 */
public final class KafkaTestIo implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;
    private final SingleObjectCodec<TimeSeriesEvent> events = SingleObjectCodec.of(TimeSeriesEvent.class);
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public KafkaTestIo(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A broker that does not take the records fails the test in seconds, with the reason.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(p);
    }

    /** The single-object bytes of an event, as {@link #sendEvent} writes them. */
    public byte[] eventBytes(String series, long timestamp, double value) {
        return events.encode(TimeSeriesEvent.newBuilder().setSeriesId(series)
                .setTimestamp(Instant.ofEpochMilli(timestamp)).setValue(value).build());
    }

    public void sendEvent(String topic, String series, long timestamp, double value) {
        sendRaw(topic, series, eventBytes(series, timestamp, value));
    }

    /** Sends asynchronously (in order per partition); {@link #flush} waits for every send so far. */
    public void sendRaw(String topic, String key, byte[] value) {
        pending.add(producer.send(new ProducerRecord<>(topic,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)));
    }

    /** Waits until every record sent so far is acknowledged; throws if any send failed. */
    public void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a test record could not be written", e);
        } finally {
            pending.clear();
        }
    }

    /**
     * Reads the records of {@code topic} a consumer at {@code isolation} sees, from the start, until
     * {@code done} holds or the timeout passes; returns what it has either way.
     */
    public <T> List<T> read(IsolationLevel isolation, String topic, Function<byte[], T> decode,
            Predicate<List<T>> done, Duration timeout) {
        List<T> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = fromBeginning(topic, isolation)) {
            while (!done.test(out) && System.nanoTime() < deadline) {
                poll(consumer, decode, out);
            }
        }
        return out;
    }

    /**
     * Reads every record of {@code topic} a consumer at {@code isolation} sees now: read_committed up to
     * the last stable offset of each partition (no open transaction holds it back once the writer has
     * stopped), read_uncommitted up to the end, aborted records included.
     */
    public <T> List<T> readAll(IsolationLevel isolation, String topic, Function<byte[], T> decode,
            Duration timeout) {
        List<T> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = fromBeginning(topic, isolation)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + end + " within "
                            + timeout + " (an open transaction holds the last stable offset back?)");
                }
                poll(consumer, decode, out);
            }
        }
        return out;
    }

    private KafkaConsumer<byte[], byte[]> fromBeginning(String topic, IsolationLevel isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static <T> void poll(KafkaConsumer<byte[], byte[]> consumer, Function<byte[], T> decode,
            List<T> out) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            out.add(decode.apply(r.value()));
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (var e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
