package io.statecast.jobs.ingest;

import io.statecast.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * An input the job could not use: where it came from, its bytes, the stage and the reason. Becomes a
 * {@link DeadLetter} on the dead-letter topic. {@code category} is a short metric label
 * (e.g. {@code late}, {@code nan_value}); {@code reason} is the sentence a person reads.
 */
public class Rejected {
    public String topic;
    public int partition = -1;
    public long offset = -1;
    public byte[] key;
    public byte[] raw;
    public String stage;
    public String category;
    public String reason;
    public long time;

    public Rejected() {}

    public Rejected(String topic, int partition, long offset, byte[] key, byte[] raw, String stage,
            String category, String reason) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.raw = raw == null ? new byte[0] : raw;
        this.stage = stage;
        this.category = category;
        this.reason = reason;
        this.time = System.currentTimeMillis();
    }

    public DeadLetter toDeadLetter() {
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setSourcePartition(partition < 0 ? null : partition)
                .setSourceOffset(offset < 0 ? null : offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setRaw(ByteBuffer.wrap(raw))
                .setStage(stage)
                .setReason(reason)
                .setTime(Instant.ofEpochMilli(time))
                .build();
    }

    @Override
    public String toString() {
        return stage + "/" + category + " " + topic + "-" + partition + "@" + offset + ": " + reason;
    }
}
