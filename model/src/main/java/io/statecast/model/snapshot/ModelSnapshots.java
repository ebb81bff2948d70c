package io.statecast.model.snapshot;

import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.NamedTensor;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ModelSnapshot} ↔ Avro single-object bytes (the statecast.models topic's values and model
 * files share the format) and ↔ parameter maps. Everything written or read is validated first, so a
 * broken model never reaches a topic, a file or an engine.
 */
public final class ModelSnapshots {

    private static final SingleObjectCodec<ModelSnapshot> CODEC =
            SingleObjectCodec.of(ModelSnapshot.class);

    private ModelSnapshots() {}

    /** Validates and encodes. */
    public static byte[] toBytes(ModelSnapshot snapshot) {
        return CODEC.encode(SnapshotValidator.validate(snapshot));
    }

    /**
     * Decodes and validates.
     *
     * @throws io.statecast.schemas.codec.CodecException when the bytes are not a ModelSnapshot
     * @throws InvalidSnapshotException when the snapshot decodes but cannot be used
     */
    public static ModelSnapshot fromBytes(byte[] bytes) {
        return SnapshotValidator.validate(CODEC.decode(bytes));
    }

    /** Validates, then writes atomically (temporary file + move): readers never see half a model. */
    public static void write(ModelSnapshot snapshot, Path file) {
        byte[] bytes = toBytes(snapshot);
        Path absolute = file.toAbsolutePath();
        try {
            Path temporary =
                    Files.createTempFile(
                            absolute.getParent(), absolute.getFileName() + ".", ".tmp");
            try {
                Files.write(temporary, bytes);
                Files.move(
                        temporary,
                        absolute,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write model snapshot to " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Reads, decodes and validates a model file. */
    public static ModelSnapshot read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read model snapshot " + file.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
        return fromBytes(bytes);
    }

    /** The snapshot's weights as new arrays of {@code dataType}, in the snapshot's order. */
    public static Map<String, INDArray> parameters(ModelSnapshot snapshot, DataType dataType) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (NamedTensor tensor : snapshot.getWeights()) {
            parameters.put(tensor.getName(), NamedTensors.toArray(tensor, dataType));
        }
        return parameters;
    }
}
