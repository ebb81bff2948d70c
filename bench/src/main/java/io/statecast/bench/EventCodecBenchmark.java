package io.statecast.bench;

import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Avro single-object encoding of one {@link TimeSeriesEvent}: encode, decode, and the round trip the
 * data plane pays per event (target: round trip at most 1 µs). Run with {@code -prof gc} for
 * allocation per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventCodecBenchmark {

    private SingleObjectCodec<TimeSeriesEvent> codec;
    private TimeSeriesEvent event;
    private TimeSeriesEvent reuse;
    private byte[] encoded;

    @Setup
    public void setUp() {
        codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        event = new TimeSeriesEvent("sensor-0042", Instant.parse("2024-05-01T12:00:00Z"), 21.375,
                List.of(0.5, -1.25), "bench");
        encoded = codec.encode(event);
        reuse = codec.decode(encoded);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(event);
    }

    @Benchmark
    public TimeSeriesEvent decode() {
        return codec.decode(encoded);
    }

    /** Decoding into a reused record, as a consumer loop can. */
    @Benchmark
    public TimeSeriesEvent decodeReuse() {
        return codec.decode(encoded, 0, encoded.length, reuse);
    }

    @Benchmark
    public TimeSeriesEvent encodeDecode() {
        return codec.decode(codec.encode(event));
    }
}
