package io.statecast.jobs.forecast;

import io.statecast.jobs.config.Nd4jOnClassPath;
import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.ingest.Event;
import io.statecast.jobs.ingest.Ingested;
import io.statecast.jobs.ingest.Rejected;
import io.statecast.jobs.ingest.SplitRejected;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.io.ModelUpdate;
import io.statecast.jobs.window.Sequence;
import io.statecast.jobs.window.SequenceWindower;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.DeadLetter;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/**
 * The forecast job: Kafka events → watermarks → keyBy series → sequence windowing → keyed batched RNN
 * operator (models broadcast in) → forecasts to Kafka, exactly once; every rejected input → dead letters.
 */
public final class ForecastJob {

    private ForecastJob() {}

    /**
     * Cluster entry point ({@code flink run -c io.statecast.jobs.forecast.ForecastJob}): every argument
     * is {@code --key value} for a {@link ForecastOptions} key or a {@code kafka.}-prefixed client setting.
     */
    public static void main(String[] args) throws Exception {
        Nd4jOnClassPath.require();
        Configuration options = Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, options);
        buildPipeline(env, ForecastIo.kafka(options), options, InitialModel.resolve(options, Duration.ofSeconds(30)));
        env.execute("statecast-forecast");
    }

    /**
     * Parallelism, exactly-once checkpointing and the latency settings from the options. Watermark
     * interval and network buffer timeout: a job option wins, then the cluster's own setting
     * ({@code -D} / config file), then the job's default (lower than Flink's 200 ms and 100 ms).
     */
    public static void configure(StreamExecutionEnvironment env, Configuration options) {
        ForecastOptions.validate(options);
        env.setParallelism(options.get(ForecastOptions.PARALLELISM));
        env.enableCheckpointing(options.get(ForecastOptions.CHECKPOINT_INTERVAL).toMillis());
        ReadableConfig cluster = env.getConfiguration();
        if (options.getOptional(ForecastOptions.WATERMARK_INTERVAL).isPresent()
                || cluster.getOptional(PipelineOptions.AUTO_WATERMARK_INTERVAL).isEmpty()) {
            env.getConfig().setAutoWatermarkInterval(options.get(ForecastOptions.WATERMARK_INTERVAL).toMillis());
        }
        if (options.getOptional(ForecastOptions.BUFFER_TIMEOUT).isPresent()
                || (cluster.getOptional(ExecutionOptions.BUFFER_TIMEOUT).isEmpty()
                        && cluster.getOptional(ExecutionOptions.BUFFER_TIMEOUT_ENABLED).isEmpty())) {
            env.setBufferTimeout(options.get(ForecastOptions.BUFFER_TIMEOUT).toMillis());
        }
        // Aligned, the RNN operator blocked its inputs at each checkpoint until the barriers of all of them
        // (the broadcast models input too) had arrived: forecasts stalled for seconds (PipelineBench,
        // 1 000 keys: p99 2.6 s aligned, 95 ms with a 20 ms alignment timeout).
        if (options.getOptional(ForecastOptions.CHECKPOINT_ALIGNMENT_TIMEOUT).isPresent()
                || cluster.getOptional(CheckpointingOptions.ENABLE_UNALIGNED).isEmpty()) {
            Configuration alignment = new Configuration();
            alignment.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
            alignment.set(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT,
                    options.get(ForecastOptions.CHECKPOINT_ALIGNMENT_TIMEOUT));
            env.configure(alignment);
        }
    }

    /**
     * Builds the pipeline on {@code env}; {@code main} and the tests both call it.
     *
     * @param initialModel ModelSnapshot bytes to serve until the models stream brings a newer version
     */
    public static void buildPipeline(StreamExecutionEnvironment env, ForecastIo io, Configuration options,
            byte[] initialModel) {
        ForecastSettings settings = ForecastSettings.from(options);
        settings.checkServable(ServingModel.fromBytes(initialModel)); // fail before submitting, not in the task
        boolean scores = options.get(ForecastOptions.SCORES_ENABLED);
        if (scores && io.scores() == null) {
            throw new IllegalArgumentException(ForecastOptions.SCORES_ENABLED.key()
                    + " is true but no scores sink was given");
        }
        Windowed windowed = sequences(env, io, options);
        // Models: every snapshot to every forecast instance.
        DataStream<ModelUpdate> models = env.fromSource(io.models(), WatermarkStrategy.noWatermarks(), "models")
                .uid("models-source").setParallelism(1);
        // Keyed batched RNN: one tensor step per time step for a bundle of series.
        SingleOutputStreamOperator<KafkaRecord> forecasts = windowed.sequences().keyBy(s -> s.seriesId)
                .connect(models.broadcast())
                .transform("rnn forecast", TypeInformation.of(KafkaRecord.class),
                        new RnnForecastOperator(settings, initialModel, scores))
                .uid("rnn-forecast");
        forecasts.sinkTo(io.forecasts()).name("forecasts sink").uid("forecasts-sink");
        if (scores) {
            forecasts.getSideOutput(RnnForecastOperator.SCORES).sinkTo(io.scores())
                    .name("scores sink").uid("scores-sink");
        }
        sinkDeadLetters(windowed.rejected().union(forecasts.getSideOutput(DeadLetters.TAG)), io);
    }

    /**
     * The pipeline up to the sequences (source, decoding, watermarks, windowing): {@link #buildPipeline}
     * and the pipeline benchmark's identity job both start from it.
     */
    public static Windowed sequences(StreamExecutionEnvironment env, ForecastIo io, Configuration options) {
        ForecastSettings settings = ForecastSettings.from(options);
        // Source: decode + validate per record; per-partition watermarks on event time.
        DataStream<Ingested> ingested = env.fromSource(io.events(), ForecastIo.watermarks(options), "events")
                .uid("events-source");
        // Split: bad records to the dead-letter side output.
        SingleOutputStreamOperator<Event> events = ingested.process(new SplitRejected())
                .name("split rejected").uid("split-rejected");
        // Windowing: per series, event-time order, n-step sequences.
        SingleOutputStreamOperator<Sequence> sequences = events.keyBy(e -> e.seriesId)
                .process(new SequenceWindower(settings.windowSteps(), options.get(ForecastOptions.CHUNK_STEPS),
                        options.get(ForecastOptions.WINDOW_STAGGER),
                        options.getOptional(ForecastOptions.RESAMPLE).orElse(null), settings.stateTtl()))
                .name("sequence windowing").uid("sequence-windower");
        return new Windowed(events, sequences);
    }

    /** Dead letters from every stage, encoded, to the one dead-letter topic. */
    public static void sinkDeadLetters(DataStream<Rejected> rejected, ForecastIo io) {
        rejected.map(new EncodeDeadLetter()).name("encode dead letters").uid("encode-dead-letters")
                .sinkTo(io.deadLetters()).name("dead letters sink").uid("dead-letters-sink");
    }

    /** The decoded events and their n-step sequences; {@link #rejected} is what both stages refused. */
    public record Windowed(SingleOutputStreamOperator<Event> events,
            SingleOutputStreamOperator<Sequence> sequences) {

        public DataStream<Rejected> rejected() {
            return events.getSideOutput(DeadLetters.TAG).union(sequences.getSideOutput(DeadLetters.TAG));
        }
    }

    /** Rejected → Avro DeadLetter bytes, keyed by the original key. */
    static final class EncodeDeadLetter implements MapFunction<Rejected, KafkaRecord> {
        private transient SingleObjectCodec<DeadLetter> codec;

        @Override
        public KafkaRecord map(Rejected r) {
            if (codec == null) {
                codec = SingleObjectCodec.of(DeadLetter.class);
            }
            byte[] key = r.key != null ? r.key : r.stage.getBytes(StandardCharsets.UTF_8);
            return new KafkaRecord(key, codec.encode(r.toDeadLetter()));
        }
    }
}
