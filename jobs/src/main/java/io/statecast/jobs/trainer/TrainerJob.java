package io.statecast.jobs.trainer;

import io.statecast.jobs.config.Nd4jOnClassPath;
import io.statecast.jobs.forecast.ForecastIo;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.forecast.InitialModel;
import io.statecast.jobs.ingest.Ingested;
import io.statecast.jobs.ingest.SplitRejected;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.io.KafkaRecordSerializer;
import io.statecast.jobs.window.Sequence;
import io.statecast.jobs.window.SequenceWindower;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/**
 * The sidecar trainer: Kafka events (own consumer group) → watermarks → keyBy series → the forecast job's
 * sequence windowing, one step at a time (the same ordering, duplicates and late handling) → one global
 * retrainer with a replay buffer → better models to the compacted models topic.
 */
public final class TrainerJob {

    private TrainerJob() {}

    /** Where the trainer reads and writes. */
    public record TrainerIo(Source<Ingested, ?, ?> events, Sink<KafkaRecord> models) {

        public static TrainerIo kafka(Configuration options) {
            var kafka = ForecastOptions.kafkaProperties(options);
            KafkaSource<Ingested> events = ForecastIo.eventsSource(options, options.get(TrainerOptions.GROUP_ID));
            // A duplicate publish after a failure carries the same version, which servers ignore.
            KafkaSink<KafkaRecord> models = KafkaSink.<KafkaRecord>builder()
                    .setBootstrapServers(options.get(ForecastOptions.BOOTSTRAP_SERVERS))
                    .setRecordSerializer(new KafkaRecordSerializer(options.get(ForecastOptions.MODELS_TOPIC)))
                    .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                    .setKafkaProducerConfig(kafka)
                    .build();
            return new TrainerIo(events, models);
        }
    }

    /** Builds the trainer on {@code env}; {@code main} and the tests both call it. */
    public static void buildPipeline(StreamExecutionEnvironment env, TrainerIo io, Configuration options,
            byte[] initialModel) {
        RetrainSettings settings = RetrainSettings.from(options);
        // Source and decoding: the forecast job's; rejected records are only counted here.
        var events = env.fromSource(io.events(), ForecastIo.watermarks(options), "trainer events").uid("trainer-events-source")
                .process(new SplitRejected()).name("trainer split rejected").uid("trainer-split-rejected")
                // Only series the replay buffer can keep go on (with many series, most events stop here).
                .filter(new BufferSampleFilter(settings.bufferSeries()))
                .name("trainer buffer sample").uid("trainer-buffer-sample");
        // Windowing: the forecast job's, one step per sequence, so values arrive in event-time order.
        var steps = events.keyBy(e -> e.seriesId)
                .process(new SequenceWindower(1, options.getOptional(ForecastOptions.RESAMPLE).orElse(null),
                        options.get(ForecastOptions.STATE_TTL)))
                .name("trainer sequence windowing").uid("trainer-sequence-windower");
        // One retrainer for all series.
        steps.keyBy((Sequence s) -> "all")
                .process(new RetrainFunction(settings, initialModel))
                .name("retrain").uid("retrain").setParallelism(1).setMaxParallelism(1)
                .sinkTo(io.models()).name("models sink").uid("models-sink").setParallelism(1);
    }

    /** One global retrainer, so parallelism 1; checkpointing from the options. */
    public static void configure(StreamExecutionEnvironment env, Configuration options) {
        env.setParallelism(1);
        env.enableCheckpointing(options.get(ForecastOptions.CHECKPOINT_INTERVAL).toMillis());
    }

    /** Cluster entry point: every argument is {@code --key value} for a {@link TrainerOptions} key. */
    public static void main(String[] args) throws Exception {
        Nd4jOnClassPath.require();
        Configuration options = Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, options);
        buildPipeline(env, TrainerIo.kafka(options), options, InitialModel.resolve(options, Duration.ofSeconds(30)));
        env.execute("statecast-trainer");
    }
}
