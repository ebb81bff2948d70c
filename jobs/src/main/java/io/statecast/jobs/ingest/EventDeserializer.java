package io.statecast.jobs.ingest;

import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.CodecException;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka bytes → {@link Ingested}: decodes the single-object Avro event and validates it. Never throws on
 * data: every bad record becomes a {@link Rejected} with its coordinates and bytes, so the job never
 * restarts because of input.
 */
public class EventDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    private transient SingleObjectCodec<TimeSeriesEvent> codec;
    private transient TimeSeriesEvent reuse;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        reuse = new TimeSeriesEvent();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        if (codec == null) {
            open(null);
        }
        byte[] raw = record.value();
        TimeSeriesEvent event;
        try {
            event = codec.decode(raw, 0, raw == null ? 0 : raw.length, reuse);
        } catch (CodecException e) {
            out.collect(Ingested.of(reject(record, "decode", e.problem().name().toLowerCase(), e.getMessage())));
            return;
        }
        EventValidator.Problem problem = EventValidator.check(event);
        if (problem != null) {
            out.collect(Ingested.of(reject(record, "validate", problem.category(), problem.reason())));
            return;
        }
        out.collect(Ingested.of(new Event(event.getSeriesId(), event.getTimestamp().toEpochMilli(),
                inputs(event), record.topic(), record.partition(), record.offset())));
    }

    private static double[] inputs(TimeSeriesEvent event) {
        List<Double> covariates = event.getCovariates();
        double[] inputs = new double[1 + covariates.size()];
        inputs[0] = event.getValue();
        for (int i = 0; i < covariates.size(); i++) {
            inputs[i + 1] = covariates.get(i);
        }
        return inputs;
    }

    private static Rejected reject(ConsumerRecord<byte[], byte[]> r, String stage, String category, String reason) {
        return new Rejected(r.topic(), r.partition(), r.offset(), r.key(), r.value(), stage, category, reason);
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
