package io.statecast.jobs.io;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes pre-encoded {@link KafkaRecord}s to one topic, keyed (so one series stays in one partition). */
public class KafkaRecordSerializer implements KafkaRecordSerializationSchema<KafkaRecord> {

    private final String topic;

    public KafkaRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KafkaRecord r, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, r.key, r.value);
    }
}
