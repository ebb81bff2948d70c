package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.train.TrainerConfig;
import io.statecast.schemas.ModelSnapshot;
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

/** Snapshots written before the transform field existed still decode, as LEVEL models. */
class OlderSnapshotTest {

    @Test
    void aSnapshotOfTheShippedOlderSchemaDecodesAsLevel() throws IOException {
        Schema older;
        try (InputStream in = getClass().getResourceAsStream(
                "/io/statecast/schemas/history/ModelSnapshot-v1.avsc")) {
            older = new Schema.Parser().parse(in);
        }
        assertThat(older.getField("scaling").schema().getField("transform")).isNull();
        TrainerConfig config = TrainerConfig.builder().hiddenSize(3).windowSteps(4).burnIn(0)
                .maxIterations(1).validationFraction(0).createdAt(Instant.EPOCH).build();
        ModelSnapshot current = OfflineTraining.train(config, ValueTransform.DIFFERENCE,
                Map.of("s", new double[] {1, 2, 4, 3, 5, 6, 8, 7}), null).snapshot();

        // Re-encode the snapshot as a writer of the older schema would have written it.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new SpecificDatumWriter<ModelSnapshot>(ModelSnapshot.class).write(current, encoder);
        encoder.flush();
        GenericRecord old = new GenericDatumReader<GenericRecord>(ModelSnapshot.getClassSchema(),
                older).read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older)
                .encode(old).array();

        ModelSnapshot decoded = ModelSnapshots.fromBytes(bytes);
        assertThat(decoded.getScaling().getTransform()).isEqualTo(ValueTransform.LEVEL);
        assertThat(decoded.getWeights()).isEqualTo(current.getWeights());
    }
}
