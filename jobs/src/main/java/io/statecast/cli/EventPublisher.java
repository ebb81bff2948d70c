package io.statecast.cli;

import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events to one topic as Avro single-object records keyed by series id, with an idempotent
 * {@code acks=all} producer. Every send is checked: the first failed send fails the next call, so
 * nothing is lost without the run failing.
 */
final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
    private final String topic;
    private final String bootstrap;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final LongAdder acked = new LongAdder();
    private final Callback onAck = (metadata, e) -> {
        if (e == null) {
            acked.increment();
        } else {
            failure.compareAndSet(null, e);
        }
    };

    EventPublisher(BrokerOptions broker, String topic) {
        this.topic = topic;
        this.bootstrap = broker.bootstrap();
        this.producer = new KafkaProducer<>(producerProperties(broker),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Producer settings: durable (acks=all, idempotent), batched, and bounded in every wait. */
    static Properties producerProperties(BrokerOptions broker) {
        Properties p = broker.clientProperties();
        int timeoutMs = (int) broker.connectTimeout.toMillis();
        p.putAll(ProducerSettings.durableBatched());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        // Must cover linger + request timeout; a few retries, then the run fails with the reason.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3 * timeoutMs + 1000);
        return p;
    }

    void send(TimeSeriesEvent event) {
        throwIfFailed();
        byte[] key = event.getSeriesId().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, key, codec.encode(event)), onAck);
        } catch (KafkaException e) {
            throw sendFailed(e);
        }
    }

    /** Waits until every record sent so far is acknowledged; fails if any was not. */
    void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw sendFailed(e);
        }
        throwIfFailed();
    }

    long acknowledged() {
        return acked.sum();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw sendFailed(e);
        }
    }

    private CliException sendFailed(Exception e) {
        return CliException.unavailable("sending to topic " + topic + " on " + bootstrap + " failed after "
                + acked.sum() + " acknowledged events: " + e.getClass().getSimpleName() + ": "
                + e.getMessage(), e);
    }
}
