package io.statecast.bench.pipeline;

import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes benchmark events to a topic: key {@code s<i>}, one value per key per round, rounds in
 * event-time order (so no event is late with zero out-of-orderness).
 */
final class BenchEvents implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
    private final String topic;
    private final byte[][] keys;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    BenchEvents(String bootstrap, String topic, int keyCount) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
        this.keys = new byte[keyCount][];
        for (int k = 0; k < keyCount; k++) {
            keys[k] = ("s" + k).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@code rounds} events per key, one second of event time apart, as fast as Kafka takes them. */
    long preProduce(int rounds, long startMillis) {
        long sent = 0;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < keys.length; k++) {
                send(k, startMillis + r * 1000L, Math.sin(0.3 * r + k));
                sent++;
            }
        }
        flush();
        return sent;
    }

    /**
     * Keys in turn at {@code eventsPerSecond} for {@code duration}, each stamped with the wall clock
     * when it is handed to the producer: the latency run measures from that stamp.
     */
    long paced(double eventsPerSecond, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        long lastStamp = 0;
        while (System.nanoTime() < end) {
            long due = (long) ((System.nanoTime() - start) * eventsPerSecond / 1e9);
            for (; sent < due; sent++) {
                int k = (int) (sent % keys.length);
                // Strictly increasing per key even if the clock stalls: a duplicate timestamp replaces.
                long stamp = Math.max(System.currentTimeMillis(), lastStamp);
                lastStamp = stamp;
                send(k, stamp, Math.sin(0.3 * (sent / keys.length) + k));
            }
            LockSupport.parkNanos(500_000);
        }
        flush();
        return sent;
    }

    private void send(int key, long timestamp, double value) {
        byte[] v = codec.encode(TimeSeriesEvent.newBuilder().setSeriesId("s" + key)
                .setTimestamp(Instant.ofEpochMilli(timestamp)).setValue(value).build());
        producer.send(new ProducerRecord<>(topic, keys[key], v), (md, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark events not written to " + topic, failure.get());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
