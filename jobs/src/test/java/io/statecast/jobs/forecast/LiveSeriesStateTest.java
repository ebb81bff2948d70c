package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.window.Sequence;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.SeriesState;
import io.statecast.schemas.ValueTransform;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LiveSeriesStateTest {

    /** A window of {@code steps} steps with two inputs each: (first + i, -(first + i)). */
    private static Sequence window(int first, int steps) {
        long[] ts = new long[steps];
        double[] inputs = new double[2 * steps];
        for (int i = 0; i < steps; i++) {
            ts[i] = 1000L * (first + i);
            inputs[2 * i] = first + i;
            inputs[2 * i + 1] = -(first + i);
        }
        return new Sequence("s", ts, inputs, 2);
    }

    @Test
    void remembersOnlyTheLastStepsOldestFirst() {
        LiveSeriesState st = new LiveSeriesState();
        assertThat(st.lastValue(2)).isNaN();
        st.remember(window(0, 3), 5);
        assertThat(st.recentInputs()).containsExactly(0, 0, 1, -1, 2, -2);
        st.remember(window(3, 3), 5);
        assertThat(st.recentInputs()).containsExactly(1, -1, 2, -2, 3, -3, 4, -4, 5, -5);
        // A window longer than what is kept leaves only its own last steps.
        st.remember(window(6, 7), 5);
        assertThat(st.recentValues(2)).containsExactly(8, 9, 10, 11, 12);
        assertThat(st.lastValue(2)).isEqualTo(12);
    }

    @Test
    void theFrameIsTheAvroSeriesStateAndReadsBack() throws Exception {
        LiveSeriesState st = sample();
        byte[] frame = frame(st);
        // The frame is the schema's record in single-object encoding: readable without this class.
        SeriesState avro = SingleObjectCodec.of(SeriesState.class).decode(frame);
        assertThat(avro.getRecentInputs()).containsExactly(10.0, -10.0, 11.0, -11.0);
        assertThat(avro.getLastTimestamp()).isEqualTo(Instant.ofEpochMilli(11_000));

        LiveSeriesState back = read(frame);
        assertThat(back.toAvro()).isEqualTo(st.toAvro());
        assertThat(back.hidden(3)).containsExactly(0.5f, -0.25f, 1f);
    }

    @Test
    void theFrameIsTheGeneratedRecordsEncoding() throws Exception {
        LiveSeriesState withIntervals = sample();
        withIntervals.rememberForecast(Forecast.newBuilder(withIntervals.lastForecast.toAvro())
                .setPoints(List.of(new ForecastPoint(Instant.ofEpochMilli(12_000), 12.5, 11.0, 14.0, 10.0, 15.0),
                        new ForecastPoint(Instant.ofEpochMilli(13_000), 13.5, 12.0, 15.0, 11.0, 16.0)))
                .build());
        withIntervals.adoptTransform(ValueTransform.LOG_DIFFERENCE);
        for (LiveSeriesState st : List.of(new LiveSeriesState(), sample(), withIntervals)) {
            byte[] expected = SingleObjectCodec.of(SeriesState.class).encode(st.toAvro());
            assertThat(frame(st)).isEqualTo(expected);
        }
    }

    /** The frame keyed state holds: what the serializer writes after the length. */
    private static byte[] frame(LiveSeriesState st) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        LiveSeriesStateSerializer.INSTANCE.serialize(st, out);
        byte[] written = out.getCopyOfBuffer();
        // As a byte[] state of the frame: its length first.
        assertThat(new DataInputDeserializer(written).readInt()).isEqualTo(written.length - 4);
        return Arrays.copyOfRange(written, 4, written.length);
    }

    private static LiveSeriesState read(byte[] frame) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(frame.length);
        out.write(frame);
        return LiveSeriesStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void aCopySharesNoArrayWithTheOriginal() {
        LiveSeriesState st = sample();
        LiveSeriesState copy = LiveSeriesStateSerializer.INSTANCE.copy(st);
        assertThat(copy.toAvro()).isEqualTo(st.toAvro());
        st.setHidden(new float[] {9f, 9f, 9f});
        st.scaler.setCount(99);
        st.remember(window(20, 3), 3);
        st.lastForecast.mean[0] = -1;
        assertThat(copy.hidden(3)).containsExactly(0.5f, -0.25f, 1f);
        assertThat(copy.scaler.getCount()).isEqualTo(7);
        assertThat(copy.recentInputs()).containsExactly(10.0, -10.0, 11.0, -11.0);
        assertThat(copy.lastForecast.mean[0]).isEqualTo(12.5);
    }

    @Test
    void aNewSeriesHasNoTimestampAndColdState() throws Exception {
        LiveSeriesState fresh = new LiveSeriesState();
        SeriesState avro = fresh.toAvro();
        assertThat(avro.getLastTimestamp()).isNull();
        assertThat(avro.getHidden().remaining()).isZero();
        assertThat(LiveSeriesState.fromAvro(avro).hidden(3)).isNull();
        assertThat(LiveSeriesState.fromAvro(avro).lastTimestamp).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void statisticsOfAnotherTransformAreDropped() {
        LiveSeriesState st = sample();
        st.adoptTransform(ValueTransform.LEVEL);
        assertThat(st.scaler.getCount()).isEqualTo(7);
        st.adoptTransform(ValueTransform.DIFFERENCE);
        assertThat(st.scaler.getCount()).isZero();
        assertThat(st.scalerTransform).isEqualTo(ValueTransform.DIFFERENCE);
    }

    @Test
    void theLastForecastIsKeptInPlaceAndReadBackAsTheSameRecord() {
        Forecast withIntervals = Forecast.newBuilder().setSeriesId("s")
                .setLastInputTimestamp(Instant.ofEpochMilli(5_000)).setWindowEnd(Instant.ofEpochMilli(5_001))
                .setModelVersion(2).setStepsSeen(40).setColdStart(true)
                .setPoints(List.of(
                        new ForecastPoint(Instant.ofEpochMilli(6_000), 1.0, 0.5, 1.5, 0.25, 1.75),
                        new ForecastPoint(Instant.ofEpochMilli(7_000), 2.0, 1.5, 2.5, 1.25, 2.75)))
                .build();
        Forecast plain = Forecast.newBuilder(withIntervals).setModelVersion(3)
                .setPoints(List.of(new ForecastPoint(Instant.ofEpochMilli(6_000), 4.0, null, null, null, null)))
                .build();
        LiveSeriesState st = new LiveSeriesState();
        st.rememberForecast(withIntervals);
        LastForecast kept = st.lastForecast;
        assertThat(kept.toAvro()).isEqualTo(withIntervals);
        st.rememberForecast(plain);
        assertThat(st.lastForecast).isSameAs(kept);
        assertThat(st.lastForecast.toAvro()).isEqualTo(plain);
    }

    private static LiveSeriesState sample() {
        LiveSeriesState st = new LiveSeriesState();
        st.setHidden(new float[] {0.5f, -0.25f, 1f});
        st.scaler.setCount(7);
        st.scaler.setMean(1.5);
        st.scaler.setM2(3);
        st.remember(window(10, 2), 3);
        st.modelVersion = 4;
        st.stepsSeen = 42;
        st.lastTimestamp = 11_000;
        st.rememberForecast(Forecast.newBuilder().setSeriesId("s").setLastInputTimestamp(Instant.ofEpochMilli(11_000))
                .setWindowEnd(Instant.ofEpochMilli(11_001)).setModelVersion(4).setStepsSeen(42)
                .setPoints(List.of(ForecastPoint.newBuilder().setTimestamp(Instant.ofEpochMilli(12_000))
                        .setMean(12.5).build()))
                .build());
        return st;
    }
}
