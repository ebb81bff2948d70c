package io.statecast.jobs.demo;

import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays the demo's live series into the events topic in ticks: every tick emits one event per series,
 * one {@link #STEP} of event time later than the previous tick, paced to a given rate in wall-clock time.
 * It remembers when each tick was sent, for the console's event→forecast latency.
 */
final class DemoGenerator implements Runnable {

    /** Event time between two observations of a series. */
    static final long STEP = Duration.ofMinutes(1).toMillis();

    private final Map<String, double[]> live;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final long startTimestamp;
    private final double ticksPerSecond;
    private final AtomicLongArray sentAtNanos;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;

    DemoGenerator(Map<String, double[]> live, int steps, String bootstrap, String topic, double eventsPerSecond,
            long startTimestamp) {
        this.live = live;
        this.topic = topic;
        this.startTimestamp = startTimestamp;
        this.ticksPerSecond = eventsPerSecond / live.size();
        this.sentAtNanos = new AtomicLongArray(steps);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public void run() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        long t0 = System.nanoTime();
        try {
            for (int tick = 0; tick < sentAtNanos.length() && !stopped; tick++) {
                long due = t0 + (long) (tick * 1e9 / ticksPerSecond);
                LockSupport.parkNanos(due - System.nanoTime());
                sentAtNanos.set(tick, System.nanoTime());
                for (Map.Entry<String, double[]> series : live.entrySet()) {
                    double[] values = series.getValue();
                    if (tick < values.length) {
                        send(codec, series.getKey(), timestampOf(tick), values[tick]);
                    }
                }
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }

    private void send(SingleObjectCodec<TimeSeriesEvent> codec, String id, long timestamp, double value) {
        byte[] bytes = codec.encode(TimeSeriesEvent.newBuilder().setSeriesId(id)
                .setTimestamp(Instant.ofEpochMilli(timestamp)).setValue(value).setSource("demo").build());
        producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), bytes), (md, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else {
                sent.incrementAndGet();
            }
        });
    }

    long timestampOf(int tick) {
        return startTimestamp + tick * STEP;
    }

    /** The tick an event time belongs to. */
    int tickOf(long timestamp) {
        return (int) ((timestamp - startTimestamp) / STEP);
    }

    /** Wall-clock nanos the tick was sent at, or 0 if not yet. */
    long sentAt(int tick) {
        return tick >= 0 && tick < sentAtNanos.length() ? sentAtNanos.get(tick) : 0;
    }

    long eventsSent() {
        return sent.get();
    }

    Exception failure() {
        return failure.get();
    }

    void stop() {
        stopped = true;
    }
}
