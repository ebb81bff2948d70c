package io.statecast.jobs.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Passes model snapshot bytes on unchanged (validation happens where the model is served); skips tombstones. */
public class ModelUpdateDeserializer implements KafkaRecordDeserializationSchema<ModelUpdate> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ModelUpdate> out) {
        if (record.value() != null) {
            out.collect(new ModelUpdate(record.value(),
                    record.topic() + "-" + record.partition() + "@" + record.offset()));
        }
    }

    @Override
    public TypeInformation<ModelUpdate> getProducedType() {
        return TypeInformation.of(ModelUpdate.class);
    }
}
