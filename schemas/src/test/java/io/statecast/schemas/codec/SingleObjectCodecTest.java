package io.statecast.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.schemas.CellType;
import io.statecast.schemas.DeadLetter;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ScalerKind;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.ScalingPolicy;
import io.statecast.schemas.SeriesState;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.NamedTensor;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

    static TimeSeriesEvent event() {
        return TimeSeriesEvent.newBuilder()
                .setSeriesId("DAX")
                .setTimestamp(Instant.parse("1991-07-01T00:00:00Z"))
                .setValue(1628.75)
                .setCovariates(List.of(1.0, -2.5))
                .setSource("EuStockMarkets")
                .build();
    }

    static Forecast forecast() {
        ForecastPoint point = ForecastPoint.newBuilder()
                .setTimestamp(Instant.ofEpochMilli(2_000)).setMean(3.5)
                .setLower80(3.0).setUpper80(4.0).setLower95(2.5).setUpper95(4.5).build();
        return Forecast.newBuilder().setSeriesId("s1").setLastInputTimestamp(Instant.ofEpochMilli(1_000))
                .setWindowEnd(Instant.ofEpochMilli(1_001)).setPoints(List.of(point)).setModelVersion(7)
                .setStepsSeen(40).build();
    }

    static ModelSnapshot snapshot() {
        ScalerStats stats = ScalerStats.newBuilder().setCount(3).setMean(2).setM2(2).build();
        return ModelSnapshot.newBuilder()
                .setVersion(2).setParentVersion(1L).setCreatedAt(Instant.ofEpochMilli(5))
                .setArchitecture(Architecture.newBuilder().setCell(CellType.LSTM).setLayers(1).setHiddenSize(2)
                        .setInputSize(1).setHorizon(1).setHead(HeadType.LAST_STEP).build())
                .setScaling(ScalingPolicy.newBuilder().setKind(ScalerKind.STANDARD).setGlobal(stats)
                        .setPerSeries(Map.of("s1", stats)).build())
                .setWeights(List.of(NamedTensor.newBuilder().setName("head.b").setShape(List.of(1, 1))
                        .setData(ByteBuffer.wrap(new byte[] {0, 0, (byte) 0x80, 0x3F})).build()))
                .setValidationMetrics(Map.of("mse", 0.25))
                .build();
    }

    @Test
    void roundTripsEveryRecordType() {
        assertRoundTrip(TimeSeriesEvent.class, event());
        assertRoundTrip(Forecast.class, forecast());
        assertRoundTrip(ModelSnapshot.class, snapshot());
        assertRoundTrip(SeriesState.class, SeriesState.newBuilder()
                .setHidden(ByteBuffer.wrap(new byte[8]))
                .setScaler(ScalerStats.newBuilder().setCount(0).setMean(0).setM2(0).build())
                .setRecentInputs(List.of(1.0, 2.0)).setModelVersion(1).setStepsSeen(2)
                .setLastTimestamp(Instant.ofEpochMilli(9)).setLastForecast(forecast()).build());
        assertRoundTrip(DeadLetter.class, DeadLetter.newBuilder()
                .setSourceTopic("statecast.events").setSourcePartition(1).setSourceOffset(42L)
                .setRaw(ByteBuffer.wrap(new byte[] {1, 2, 3})).setStage("decode").setReason("garbage")
                .setTime(Instant.ofEpochMilli(1)).build());
    }

    @Test
    void writesTheSingleObjectHeader() throws java.io.IOException {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] bytes = codec.encode(event());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fp = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fp).isEqualTo(SchemaCatalog.fingerprint(TimeSeriesEvent.getClassSchema()));
        // Avro's own single-object decoder reads what we write.
        assertThat(TimeSeriesEvent.getDecoder().decode(bytes)).isEqualTo(event());
    }

    @Test
    void decodesAWindowOfALargerBufferAndReuses() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] bytes = codec.encode(event());
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        TimeSeriesEvent reuse = new TimeSeriesEvent();
        assertThat(codec.decode(padded, 3, bytes.length, reuse)).isSameAs(reuse).isEqualTo(event());
    }

    private static <T extends SpecificRecord> void assertRoundTrip(Class<T> type, T record) {
        SingleObjectCodec<T> codec = SingleObjectCodec.of(type);
        assertThat(codec.decode(codec.encode(record))).isEqualTo(record);
    }

    @Test
    void rejectsEmptyAndNullInput() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        assertProblem(() -> codec.decode(null), CodecException.Problem.EMPTY, "no bytes");
        assertProblem(() -> codec.decode(new byte[0]), CodecException.Problem.EMPTY, "no bytes");
    }

    @Test
    void rejectsAShortHeader() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] bytes = Arrays.copyOf(codec.encode(event()), 6);
        assertProblem(() -> codec.decode(bytes), CodecException.Problem.TRUNCATED, "6 bytes");
    }

    @Test
    void rejectsForeignBytesByTheirMarker() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] json = "{\"series_id\":\"a\",\"value\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertProblem(() -> codec.decode(json), CodecException.Problem.BAD_MARKER, "7B 22");
    }

    @Test
    void rejectsAnUnknownFingerprintNamingIt() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] bytes = codec.encode(event());
        bytes[5] ^= 0x5A;
        assertProblem(() -> codec.decode(bytes), CodecException.Problem.UNKNOWN_SCHEMA, "not in the schema store");
    }

    @Test
    void rejectsATruncatedBody() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] full = codec.encode(event());
        byte[] cut = Arrays.copyOf(full, full.length - 5);
        assertProblem(() -> codec.decode(cut), CodecException.Problem.TRUNCATED, "ends early");
    }

    @Test
    void rejectsTrailingBytes() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] full = codec.encode(event());
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        assertProblem(() -> codec.decode(longer), CodecException.Problem.MALFORMED, "left over");
    }

    @Test
    void rejectsGarbageBodyWithoutAllocatingWildly() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] bytes = Arrays.copyOf(codec.header(), 20);
        Arrays.fill(bytes, 10, 20, (byte) 0xFF); // a varint string length that never ends
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(CodecException.class)
                .satisfies(e -> assertThat(((CodecException) e).problem())
                        .isIn(CodecException.Problem.MALFORMED, CodecException.Problem.TRUNCATED));
    }

    @Test
    void rejectsAnEventReadAsAForecast() {
        SingleObjectCodec<Forecast> forecasts = SingleObjectCodec.of(Forecast.class);
        byte[] eventBytes = SingleObjectCodec.of(TimeSeriesEvent.class).encode(event());
        assertProblem(() -> forecasts.decode(eventBytes), CodecException.Problem.INCOMPATIBLE_SCHEMA,
                "TimeSeriesEvent");
    }

    @Test
    void refusesToEncodeAnIncompleteRecord() {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        TimeSeriesEvent broken = event();
        broken.setSeriesId(null);
        assertProblem(() -> codec.encode(broken), CodecException.Problem.NOT_ENCODABLE, "TimeSeriesEvent");
    }

    static void assertProblem(Runnable call, CodecException.Problem problem, String inMessage) {
        assertThatThrownBy(call::run).isInstanceOf(CodecException.class)
                .hasMessageContaining(inMessage)
                .satisfies(e -> assertThat(((CodecException) e).problem()).isEqualTo(problem));
    }
}
