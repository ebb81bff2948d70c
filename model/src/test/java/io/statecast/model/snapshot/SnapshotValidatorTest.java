package io.statecast.model.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.NamedTensor;
import io.statecast.schemas.ScalerStats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotValidatorTest {

    private static final Architecture GRU =
            SnapshotFixtures.architecture(CellType.GRU, 2, HeadType.MULTI_HORIZON, 4);

    private static ModelSnapshot valid() {
        return SnapshotBuilder.forArchitecture(GRU)
                .version(3)
                .createdAt(Instant.EPOCH)
                .parameters(SnapshotFixtures.parameters(GRU, 1))
                .build();
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void acceptsEveryCellAndHeadWithTheLayoutsShapes(CellType cell) {
        for (HeadType head : HeadType.values()) {
            Architecture architecture = SnapshotFixtures.architecture(cell, 3, head, 2);
            ModelSnapshot snapshot =
                    SnapshotBuilder.forArchitecture(architecture)
                            .parameters(SnapshotFixtures.parameters(architecture, 2))
                            .build();
            int gated = io.statecast.model.cell.Cells.gates(cell) * 5;
            assertThat(snapshot.getWeights()).hasSize(3 * 4 + 2);
            assertThat(snapshot.getWeights().get(0).getShape()).containsExactly(3, gated);
            assertThat(snapshot.getWeights().get(4).getShape())
                    .as("layer1.W_ih")
                    .containsExactly(5, gated);
        }
    }

    static Stream<Arguments> brokenSnapshots() {
        return Stream.of(
                broken("version", "must be >= 1, got 0", b -> b.setVersion(0)),
                broken(
                        "parent_version",
                        "must be in [1, version 3), got 3",
                        b -> b.setParentVersion(3L)),
                broken(
                        "architecture.layers",
                        "must be >= 1, got 0",
                        b -> arch(b, a -> a.setLayers(0))),
                broken(
                        "architecture.hidden_size",
                        "must be >= 1, got -2",
                        b -> arch(b, a -> a.setHiddenSize(-2))),
                broken(
                        "architecture.input_size",
                        "must be >= 1, got 0",
                        b -> arch(b, a -> a.setInputSize(0))),
                broken(
                        "architecture.horizon",
                        "must be >= 1, got 0",
                        b -> arch(b, a -> a.setHorizon(0))),
                broken(
                        "architecture.window_steps",
                        "must be >= 1, got 0",
                        b -> arch(b, a -> a.setWindowSteps(0))),
                broken(
                        "architecture.activation",
                        "must be one of [relu, tanh], got 'sigmoid'",
                        b -> arch(b, a -> a.setActivation("sigmoid"))),
                broken(
                        "layer1.W_ih",
                        "has shape [3, 15]; a 2-layer GRU (input 3, hidden 5) with a "
                                + "MULTI_HORIZON head (horizon 4) needs [5, 15]",
                        b -> replace(b, 4, tensor("layer1.W_ih", List.of(3, 15), new float[45]))),
                broken(
                        "head.W",
                        "has shape [5, 4]; a 2-layer GRU (input 3, hidden 5) with a MULTI_HORIZON "
                                + "head (horizon 3) needs [5, 3]",
                        b -> arch(b, a -> a.setHorizon(3))),
                broken(
                        "layer0.b_hh.data",
                        "has 56 bytes; expected 4 × 15 = 60 for shape [1, 15]",
                        b -> replace(b, 3, tensor("layer0.b_hh", List.of(1, 15), new float[14]))),
                broken(
                        "layer0.b_ih",
                        "has non-finite value NaN at flat index 7; expected only finite values",
                        b -> replace(b, 2, nonFinite("layer0.b_ih", 15, 7, Float.NaN))),
                broken(
                        "head.b",
                        "has non-finite value Infinity at flat index 1",
                        b -> replace(b, 9, nonFinite("head.b", 4, 1, Float.POSITIVE_INFINITY))),
                broken(
                        "layer0.W_hh",
                        "appears twice in weights",
                        b -> replace(b, 2, b.getWeights().get(1))),
                broken(
                        "layer2.W_ih",
                        "is not a parameter of a 2-layer GRU",
                        b -> add(b, tensor("layer2.W_ih", List.of(5, 15), new float[75]))),
                broken("head.b", "is missing; a 2-layer GRU", b -> remove(b, 9)),
                broken(
                        "layer0.W_ih",
                        "is missing; a 2-layer GRU (input 3, hidden 5) with a MULTI_HORIZON head "
                                + "(horizon 4) needs [layer0.W_ih,",
                        b -> remove(b, 0)),
                broken(
                        "scaling.min_std",
                        "must be positive and finite, got 0.0",
                        b -> b.getScaling().setMinStd(0.0)),
                broken(
                        "scaling.warmup_steps",
                        "must be >= 1, got 0",
                        b -> b.getScaling().setWarmupSteps(0)),
                broken(
                        "scaling.per_series[s1]",
                        "is invalid: scaler stats need count >= 0",
                        b ->
                                b.getScaling()
                                        .setPerSeries(
                                                Map.of("s1", new ScalerStats(2L, 1.0, -3.0)))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenSnapshots")
    void namesTheFieldAndWhatWasExpected(
            String field, String problem, Consumer<ModelSnapshot.Builder> breaker) {
        ModelSnapshot.Builder builder = ModelSnapshot.newBuilder(valid());
        breaker.accept(builder);
        ModelSnapshot snapshot = builder.build();
        assertThatThrownBy(() -> SnapshotValidator.validate(snapshot))
                .isInstanceOf(InvalidSnapshotException.class)
                .hasMessageStartingWith(field + " " + problem)
                .extracting(e -> ((InvalidSnapshotException) e).field())
                .isEqualTo(field);
    }

    private static Arguments broken(
            String field, String problem, Consumer<ModelSnapshot.Builder> breaker) {
        return Arguments.of(field, problem, breaker);
    }

    private static void arch(ModelSnapshot.Builder builder, Consumer<Architecture> change) {
        change.accept(builder.getArchitecture());
    }

    private static void replace(ModelSnapshot.Builder builder, int index, NamedTensor tensor) {
        List<NamedTensor> weights = new ArrayList<>(builder.getWeights());
        weights.set(index, tensor);
        builder.setWeights(weights);
    }

    private static void add(ModelSnapshot.Builder builder, NamedTensor tensor) {
        List<NamedTensor> weights = new ArrayList<>(builder.getWeights());
        weights.add(tensor);
        builder.setWeights(weights);
    }

    private static void remove(ModelSnapshot.Builder builder, int index) {
        List<NamedTensor> weights = new ArrayList<>(builder.getWeights());
        weights.remove(index);
        builder.setWeights(weights);
    }

    /** A {@code [1, length]} tensor of zeros but {@code value} at {@code index}. */
    private static NamedTensor nonFinite(String name, int length, int index, float value) {
        float[] values = new float[length];
        values[index] = value;
        return tensor(name, List.of(1, length), values);
    }

    private static NamedTensor tensor(String name, List<Integer> shape, float[] values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return new NamedTensor(name, shape, data);
    }
}
