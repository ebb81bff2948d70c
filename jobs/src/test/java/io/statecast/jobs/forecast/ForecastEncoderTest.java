package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastEncoderTest {

    private final SingleObjectCodec<Forecast> codec = SingleObjectCodec.of(Forecast.class);
    private final ForecastEncoder encoder = new ForecastEncoder(codec);

    @Test
    void writesTheCodecsBytes() {
        Random random = new Random(7);
        String[] ids = {"", "sensor-0042", "bölüm/温度", "x".repeat(300)};
        for (int i = 0; i < 2_000; i++) {
            Forecast f = forecast(random, ids[i % ids.length]);
            byte[] bytes = encoder.encode(f);
            assertThat(bytes).as("forecast %s", f).isEqualTo(codec.encode(f));
            assertThat(codec.decode(bytes)).isEqualTo(f);
        }
    }

    @Test
    void reusesItsBufferWithoutCarryingBytesOver() {
        Random random = new Random(3);
        Forecast longer = forecast(random, "a-long-series-id-" + "y".repeat(100));
        Forecast shorter = new Forecast("s", Instant.ofEpochMilli(1), Instant.ofEpochMilli(2), List.of(), 1L, 0L,
                true);
        encoder.encode(longer);
        assertThat(encoder.encode(shorter)).isEqualTo(codec.encode(shorter));
    }

    /** Horizons 0 to 3, each interval bound present or null on its own, and edge values. */
    private static Forecast forecast(Random random, String id) {
        double[] edges = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, -1e300};
        List<ForecastPoint> points = new ArrayList<>();
        int horizon = random.nextInt(4);
        for (int k = 0; k < horizon; k++) {
            points.add(new ForecastPoint(Instant.ofEpochMilli(random.nextLong() >> 20),
                    random.nextInt(5) == 0 ? edges[random.nextInt(edges.length)] : random.nextGaussian() * 1e3,
                    optional(random), optional(random), optional(random), optional(random)));
        }
        long[] longs = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong()};
        return new Forecast(id, Instant.ofEpochMilli(random.nextLong() >> 20),
                Instant.ofEpochMilli(random.nextLong() >> 20), points, longs[random.nextInt(longs.length)],
                longs[random.nextInt(longs.length)], random.nextBoolean());
    }

    private static Double optional(Random random) {
        return random.nextBoolean() ? null : random.nextGaussian();
    }
}
