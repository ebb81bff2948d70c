package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastOptions.BOOTSTRAP_SERVERS;

import io.statecast.jobs.ingest.EventDeserializer;
import io.statecast.jobs.ingest.Ingested;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.io.KafkaRecordSerializer;
import io.statecast.jobs.io.ModelUpdate;
import io.statecast.jobs.io.ModelUpdateDeserializer;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Where the ForecastJob reads and writes. {@link #kafka} builds the production endpoints from the
 * options; tests pass the same Kafka endpoints against an embedded broker. {@code scores} may be null
 * when the job does not emit scores.
 */
public record ForecastIo(Source<Ingested, ?, ?> events, Source<ModelUpdate, ?, ?> models,
        Sink<KafkaRecord> forecasts, Sink<KafkaRecord> deadLetters, Sink<KafkaRecord> scores) {

    /** Endpoints without a scores sink. */
    public ForecastIo(Source<Ingested, ?, ?> events, Source<ModelUpdate, ?, ?> models,
            Sink<KafkaRecord> forecasts, Sink<KafkaRecord> deadLetters) {
        this(events, models, forecasts, deadLetters, null);
    }

    /** Kafka sources and exactly-once (by default) sinks, all from the options. */
    public static ForecastIo kafka(Configuration options) {
        Properties kafka = ForecastOptions.kafkaProperties(options);
        String bootstrap = options.get(BOOTSTRAP_SERVERS);
        KafkaSource<Ingested> events = eventsSource(options, options.get(ForecastOptions.GROUP_ID));
        // Every instance reads the whole compacted models topic from the start: the newest version wins.
        KafkaSource<ModelUpdate> models = KafkaSource.<ModelUpdate>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(options.get(ForecastOptions.MODELS_TOPIC))
                .setGroupId(options.get(ForecastOptions.GROUP_ID) + "-models")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ModelUpdateDeserializer())
                .setProperties(kafka)
                .setProperty("isolation.level", "read_committed")
                .build();
        return new ForecastIo(events, models,
                sink(options, kafka, options.get(ForecastOptions.FORECASTS_TOPIC), "forecasts"),
                sink(options, kafka, options.get(ForecastOptions.DEADLETTERS_TOPIC), "deadletters"),
                options.get(ForecastOptions.SCORES_ENABLED)
                        ? sink(options, kafka, options.get(ForecastOptions.SCORES_TOPIC), "scores") : null);
    }

    /** The events topic as decoded, validated {@link Ingested} records, from the group's committed offsets. */
    public static KafkaSource<Ingested> eventsSource(Configuration options, String groupId) {
        return KafkaSource.<Ingested>builder()
                .setBootstrapServers(options.get(BOOTSTRAP_SERVERS))
                .setTopics(options.get(ForecastOptions.EVENTS_TOPIC))
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new EventDeserializer())
                .setProperties(ForecastOptions.kafkaProperties(options))
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    /** Per-partition event-time watermarks: bounded out-of-orderness, idle partitions skipped. */
    public static WatermarkStrategy<Ingested> watermarks(Configuration options) {
        return WatermarkStrategy
                .<Ingested>forBoundedOutOfOrderness(options.get(ForecastOptions.MAX_OUT_OF_ORDERNESS))
                .withTimestampAssigner((in, kafkaTs) -> in.eventTime())
                .withIdleness(options.get(ForecastOptions.IDLENESS));
    }

    private static KafkaSink<KafkaRecord> sink(Configuration options, Properties kafka, String topic, String name) {
        DeliveryGuarantee guarantee = options.get(ForecastOptions.DELIVERY_GUARANTEE);
        var builder = KafkaSink.<KafkaRecord>builder()
                .setBootstrapServers(options.get(BOOTSTRAP_SERVERS))
                .setRecordSerializer(new KafkaRecordSerializer(topic))
                .setDeliveryGuarantee(guarantee)
                .setKafkaProducerConfig(kafka)
                .setProperty("transaction.timeout.ms",
                        String.valueOf(options.get(ForecastOptions.TRANSACTION_TIMEOUT).toMillis()));
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(options.get(ForecastOptions.TRANSACTIONAL_ID_PREFIX) + "-" + name);
        }
        return builder.build();
    }
}
