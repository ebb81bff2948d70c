package io.statecast.model.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.model.scale.SeriesScalers;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.codec.CodecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ModelSnapshotsTest {

    private final Architecture architecture =
            SnapshotFixtures.architecture(CellType.LSTM, 2, HeadType.GAUSSIAN, 3);
    private final Map<String, INDArray> parameters = SnapshotFixtures.parameters(architecture, 4);

    private ModelSnapshot snapshot() {
        return SnapshotBuilder.forArchitecture(architecture)
                .version(7)
                .parentVersion(6L)
                .createdAt(Instant.parse("2026-01-02T03:04:05.678901Z"))
                .parameters(parameters)
                .scaling(SeriesScalers.fit(Map.of("a", new double[] {1, 2, 3}), 2, 1e-6).toPolicy())
                .hyperparameter("optimizer", "adam")
                .hyperparameter("learning_rate", 0.001)
                .trainingMetric("loss", 0.25)
                .validationMetric("mse", 0.5)
                .build();
    }

    @Test
    void roundTripsThroughBytesWithEveryParameter() {
        ModelSnapshot snapshot = snapshot();
        ModelSnapshot back = ModelSnapshots.fromBytes(ModelSnapshots.toBytes(snapshot));
        assertThat(back).isEqualTo(snapshot);
        assertThat(back.getCreatedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        Map<String, INDArray> loaded = ModelSnapshots.parameters(back, DataType.FLOAT);
        assertThat(loaded.keySet())
                .containsExactlyElementsOf(ParameterLayout.expectedShapes(architecture).keySet());
        parameters.forEach((name, value) -> assertThat(loaded.get(name)).as(name).isEqualTo(value));
        assertThat(back.getHyperparameters()).containsEntry("learning_rate", "0.001");
    }

    @Test
    void weightOrderFollowsTheLayoutSoEqualModelsGiveEqualBytes() {
        List<Map.Entry<String, INDArray>> entries = new ArrayList<>(parameters.entrySet());
        Collections.reverse(entries);
        Map<String, INDArray> reversed = new java.util.LinkedHashMap<>();
        entries.forEach(e -> reversed.put(e.getKey(), e.getValue()));
        ModelSnapshot fromReversed =
                SnapshotBuilder.forArchitecture(architecture)
                        .version(7)
                        .parentVersion(6L)
                        .createdAt(Instant.parse("2026-01-02T03:04:05.678Z"))
                        .parameters(reversed)
                        .scaling(snapshot().getScaling())
                        .hyperparameter("learning_rate", 0.001)
                        .hyperparameter("optimizer", "adam")
                        .trainingMetric("loss", 0.25)
                        .validationMetric("mse", 0.5)
                        .build();
        assertThat(ModelSnapshots.toBytes(fromReversed))
                .isEqualTo(ModelSnapshots.toBytes(snapshot()));
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("model-7.snapshot");
        ModelSnapshots.write(snapshot(), file);
        assertThat(ModelSnapshots.read(file)).isEqualTo(snapshot());
        try (var listing = Files.list(directory)) {
            assertThat(listing).containsExactly(file);
        }
        assertThatThrownBy(() -> ModelSnapshots.read(directory.resolve("absent.snapshot")))
                .hasMessageContaining("cannot read model snapshot")
                .hasMessageContaining("absent.snapshot");
    }

    @Test
    void rejectsForeignAndTruncatedBytes() {
        byte[] bytes = ModelSnapshots.toBytes(snapshot());
        assertThatThrownBy(
                        () ->
                                ModelSnapshots.fromBytes(
                                        java.util.Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> ModelSnapshots.fromBytes("{\"version\": 1}".getBytes()))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("marker");
    }

    @Test
    void refusesToWriteAnInvalidSnapshot(@TempDir Path directory) {
        parameters.remove("head.b");
        assertThatThrownBy(
                        () ->
                                SnapshotBuilder.forArchitecture(architecture)
                                        .parameters(parameters)
                                        .build())
                .isInstanceOf(InvalidSnapshotException.class)
                .hasMessageStartingWith("head.b is missing");
        assertThat(directory.toFile().list()).isEmpty();
    }
}
