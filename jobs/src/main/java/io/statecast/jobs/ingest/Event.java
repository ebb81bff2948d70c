package io.statecast.jobs.ingest;

/**
 * A decoded, validated observation inside the job (a Flink POJO: cheap to serialize, unlike the Avro
 * record). {@code inputs} is the model input of one step: the value, then the covariates.
 */
public class Event {
    public String seriesId;
    public long timestamp;
    public double[] inputs;
    /** Where it came from in Kafka, so a later stage can still dead-letter it precisely. */
    public String topic;
    public int partition;
    public long offset;

    public Event() {}

    public Event(String seriesId, long timestamp, double[] inputs, String topic, int partition, long offset) {
        this.seriesId = seriesId;
        this.timestamp = timestamp;
        this.inputs = inputs;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public double value() {
        return inputs[0];
    }
}
