package io.statecast.bench.pipeline;

import io.statecast.jobs.forecast.ForecastIo;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.window.Sequence;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The ForecastJob with the RNN step replaced by a pass-through: the same source, decoding, watermarks,
 * windowing ({@link ForecastJob#sequences}), keyBy (every released step crosses it, in chunks), sink and
 * dead letters; one record (series id, last timestamp) per completed window instead of a forecast. The
 * benchmark's baseline.
 */
final class IdentityJob {

    private IdentityJob() {}

    static void buildPipeline(StreamExecutionEnvironment env, ForecastIo io, Configuration options) {
        ForecastJob.Windowed windowed = ForecastJob.sequences(env, io, options);
        // keyBy as before the RNN operator: the same exchange, threads and chaining as the ForecastJob.
        windowed.sequences().keyBy(s -> s.seriesId)
                .flatMap(new PassThrough())
                .name("pass-through").uid("pass-through")
                .sinkTo(io.forecasts()).name("forecasts sink").uid("forecasts-sink");
        ForecastJob.sinkDeadLetters(windowed.rejected(), io);
    }

    /** A pass-through record's last input timestamp (epoch ms). */
    static long lastTimestamp(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    /**
     * The chunk that completes a window → a 8-byte record keyed by series, so the sink does per-record
     * work like the forecasts'.
     */
    static final class PassThrough implements FlatMapFunction<Sequence, KafkaRecord> {
        @Override
        public void flatMap(Sequence s, Collector<KafkaRecord> out) {
            if (s.endsWindow) {
                byte[] value = ByteBuffer.allocate(Long.BYTES).putLong(s.lastTimestamp()).array();
                out.collect(new KafkaRecord(s.seriesId.getBytes(StandardCharsets.UTF_8), value));
            }
        }
    }
}
