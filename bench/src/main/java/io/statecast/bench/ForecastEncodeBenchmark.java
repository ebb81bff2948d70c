package io.statecast.bench;

import io.statecast.jobs.forecast.ForecastEncoder;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
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
 * One {@link Forecast} (horizon 1, 80 and 95 % intervals) into its single-object bytes: Avro's generic
 * writer ({@link SingleObjectCodec#encode}) against the RNN operator's {@link ForecastEncoder}, which
 * writes the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForecastEncodeBenchmark {

    private SingleObjectCodec<Forecast> codec;
    private ForecastEncoder encoder;
    private Forecast forecast;

    @Setup
    public void setUp() {
        codec = SingleObjectCodec.of(Forecast.class);
        encoder = new ForecastEncoder(codec);
        Instant last = Instant.parse("2024-05-01T12:00:00Z");
        forecast = new Forecast("sensor-0042", last, last.plusMillis(1),
                List.of(new ForecastPoint(last.plusSeconds(60), 21.375, 20.1, 22.6, 19.4, 23.3)), 7L, 4_200L,
                false);
    }

    @Benchmark
    public byte[] codec() {
        return codec.encode(forecast);
    }

    @Benchmark
    public byte[] encoder() {
        return encoder.encode(forecast);
    }
}
