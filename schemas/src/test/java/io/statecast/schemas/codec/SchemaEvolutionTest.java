package io.statecast.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.SeriesState;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.ValueTransform;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** Records written with an older or a newer compatible schema decode, in both directions. */
class SchemaEvolutionTest {

    /** The event schema as it was before {@code source} was added. */
    static final Schema OLDER = SchemaBuilder.record("TimeSeriesEvent").namespace("io.statecast.schemas")
            .fields()
            .requiredString("series_id")
            .name("timestamp").type().longType().noDefault()
            .requiredDouble("value")
            .name("covariates").type().array().items().doubleType().arrayDefault(List.of())
            .endRecord();

    /** A future event schema with a field added (with a default). */
    static final Schema NEWER = SchemaBuilder.record("TimeSeriesEvent").namespace("io.statecast.schemas")
            .fields()
            .requiredString("series_id")
            .name("timestamp").type().longType().noDefault()
            .requiredDouble("value")
            .name("covariates").type().array().items().doubleType().arrayDefault(List.of())
            .name("source").type().nullable().stringType().noDefault()
            .name("quality").type().doubleType().doubleDefault(1.0)
            .endRecord();

    @Test
    void readsRecordsFromAnOlderWriter() throws IOException {
        GenericRecord old = new GenericData.Record(OLDER);
        old.put("series_id", "nottem");
        old.put("timestamp", 86_400_000L);
        old.put("value", 40.6);
        old.put("covariates", List.of());
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), OLDER).encode(old).array();

        SchemaCatalog catalog = SchemaCatalog.withStatecastSchemas();
        SingleObjectCodec<TimeSeriesEvent> codec = new SingleObjectCodec<>(TimeSeriesEvent.class, catalog);
        SingleObjectCodecTest.assertProblem(() -> codec.decode(bytes), CodecException.Problem.UNKNOWN_SCHEMA, "");

        catalog.add(OLDER);
        TimeSeriesEvent event = codec.decode(bytes);
        assertThat(event.getSeriesId()).isEqualTo("nottem");
        assertThat(event.getTimestamp()).isEqualTo(Instant.ofEpochMilli(86_400_000L));
        assertThat(event.getValue()).isEqualTo(40.6);
        assertThat(event.getSource()).isNull();
    }

    @Test
    void readsRecordsFromANewerWriterIgnoringTheAddedField() throws IOException {
        GenericRecord newer = new GenericData.Record(NEWER);
        newer.put("series_id", "DAX");
        newer.put("timestamp", 5L);
        newer.put("value", 1.5);
        newer.put("covariates", List.of(2.0));
        newer.put("source", "feed");
        newer.put("quality", 0.5);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), NEWER).encode(newer).array();

        SchemaCatalog catalog = SchemaCatalog.withStatecastSchemas();
        catalog.add(NEWER);
        TimeSeriesEvent event = new SingleObjectCodec<>(TimeSeriesEvent.class, catalog).decode(bytes);
        assertThat(event.getSeriesId()).isEqualTo("DAX");
        assertThat(event.getCovariates()).containsExactly(2.0);
        assertThat(event.getSource()).isEqualTo("feed");
    }

    @Test
    void aNewerReaderReadsWhatWeWriteWithItsDefault() throws IOException {
        byte[] ours = SingleObjectCodec.of(TimeSeriesEvent.class).encode(SingleObjectCodecTest.event());
        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(TimeSeriesEvent.getClassSchema());
        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), NEWER, store).decode(ours);
        assertThat(read.get("series_id").toString()).isEqualTo("DAX");
        assertThat(read.get("quality")).isEqualTo(1.0);
    }

    @Test
    void loadsWriterSchemasFromADirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Files.writeString(dir.resolve("event-v0.avsc"), OLDER.toString(true));
        SchemaCatalog catalog = SchemaCatalog.empty().addDirectory(dir);
        assertThat(catalog.find(SchemaCatalog.fingerprint(OLDER))).isEqualTo(OLDER);
    }

    /** Forecast-operator state checkpointed before {@code scaler_transform} existed restores as LEVEL. */
    @Test
    void seriesStateOfTheShippedOlderSchemaDecodesWithLevelScalerStatistics() throws IOException {
        Schema older;
        try (InputStream in = getClass().getResourceAsStream(
                "/io/statecast/schemas/history/SeriesState-v1.avsc")) {
            older = new Schema.Parser().parse(in);
        }
        assertThat(older.getField("scaler_transform")).isNull();
        SeriesState current = SeriesState.newBuilder().setHidden(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))
                .setScaler(new ScalerStats(3L, 2.0, 0.5)).setRecentInputs(List.of(1.0, 2.0))
                .setModelVersion(4).setStepsSeen(3).setScalerTransform(ValueTransform.DIFFERENCE).build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new SpecificDatumWriter<>(SeriesState.class).write(current, encoder);
        encoder.flush();
        GenericRecord old = new GenericDatumReader<GenericRecord>(SeriesState.getClassSchema(), older)
                .read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old).array();

        SeriesState decoded = SingleObjectCodec.of(SeriesState.class).decode(bytes);
        assertThat(decoded.getScalerTransform()).isEqualTo(ValueTransform.LEVEL);
        assertThat(decoded.getRecentInputs()).containsExactly(1.0, 2.0);
        assertThat(decoded.getScaler()).isEqualTo(current.getScaler());
        assertThat(decoded.getStepsSeen()).isEqualTo(3);
    }
}
