package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.model.serve.ServingModel;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.train.TrainerConfig;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.ValueTransform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** Snapshots of older schemas still decode: as LEVEL models, without forecast weights. */
class OlderSnapshotTest {

    @Test
    void aSnapshotOfTheShippedOlderSchemaDecodesAsLevel() throws IOException {
        Schema older = shipped("ModelSnapshot-v1.avsc");
        assertThat(older.getField("scaling").schema().getField("transform")).isNull();
        ModelSnapshot current = trained(ModelRecipe.SINGLE);

        ModelSnapshot decoded = ModelSnapshots.fromBytes(writtenWith(older, current));
        assertThat(decoded.getScaling().getTransform()).isEqualTo(ValueTransform.LEVEL);
        assertThat(decoded.getWeights()).isEqualTo(current.getWeights());
    }

    @Test
    void aSnapshotWithoutForecastWeightsServesTheNetworksForecast() throws IOException {
        Schema v2 = shipped("ModelSnapshot-v2.avsc");
        assertThat(v2.getField("scaling").schema().getField("forecast_weights")).isNull();
        ModelSnapshot current = trained(new ModelRecipe(1, 0.5));
        assertThat(current.getScaling().getForecastWeights()).isNotEmpty();

        ModelSnapshot decoded = ModelSnapshots.fromBytes(writtenWith(v2, current));
        assertThat(decoded.getScaling().getTransform()).isEqualTo(ValueTransform.DIFFERENCE);
        assertThat(decoded.getScaling().getForecastWeights()).isEmpty();
        assertThat(ServingModel.of(decoded).scaleFor("s", new ScalerStats(0L, 0.0, 0.0))
                .combination()).isEqualTo(ForecastCombination.NETWORK);
    }

    @Test
    void aSnapshotWithoutSeasonalTermsServesNone() throws IOException {
        Schema v3 = shipped("ModelSnapshot-v3.avsc");
        assertThat(v3.getField("scaling").schema().getField("seasonal_mean_weights")).isNull();
        ModelSnapshot current = trained(new ModelRecipe(1, 0.5));
        current.getScaling().getSeasonalMeanWeights().put("s", 0.5);
        current.getScaling().getSeasonalPeriods().put("s", 2);

        ModelSnapshot decoded = ModelSnapshots.fromBytes(writtenWith(v3, current));
        assertThat(decoded.getScaling().getForecastWeights())
                .isEqualTo(current.getScaling().getForecastWeights());
        assertThat(decoded.getScaling().getSeasonalMeanWeights()).isEmpty();
        ServingModel served = ServingModel.of(decoded);
        assertThat(served.scaleFor("s", new ScalerStats(0L, 0.0, 0.0)).combination().seasonal())
                .isFalse();
        assertThat(served.historyValues()).isEqualTo(1);
    }

    private static Schema shipped(String name) throws IOException {
        try (InputStream in = OlderSnapshotTest.class.getResourceAsStream(
                "/io/statecast/schemas/history/" + name)) {
            return new Schema.Parser().parse(in);
        }
    }

    private static ModelSnapshot trained(ModelRecipe recipe) {
        TrainerConfig config = TrainerConfig.builder().hiddenSize(3).windowSteps(4).burnIn(0)
                .maxIterations(1).validationFraction(0).createdAt(Instant.EPOCH).build();
        return OfflineTraining.train(config, ValueTransform.DIFFERENCE, recipe,
                Map.of("s", new double[] {1, 2, 4, 3, 5, 6, 8, 7, 9, 8, 10, 12}), null).snapshot();
    }

    /** The snapshot as a writer of the {@code older} schema would have written it. */
    private static byte[] writtenWith(Schema older, ModelSnapshot current) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new SpecificDatumWriter<ModelSnapshot>(ModelSnapshot.class).write(current, encoder);
        encoder.flush();
        GenericRecord old = new GenericDatumReader<GenericRecord>(ModelSnapshot.getClassSchema(),
                older).read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old)
                .array();
    }
}
