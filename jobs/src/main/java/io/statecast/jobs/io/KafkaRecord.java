package io.statecast.jobs.io;

/** A record ready for a Kafka sink: key and value bytes (already Avro single-object encoded). */
public class KafkaRecord {
    public byte[] key;
    public byte[] value;

    public KafkaRecord() {}

    public KafkaRecord(byte[] key, byte[] value) {
        this.key = key;
        this.value = value;
    }
}
