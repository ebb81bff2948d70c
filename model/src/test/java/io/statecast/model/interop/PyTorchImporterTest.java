package io.statecast.model.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import io.statecast.model.head.DenseHead;
import io.statecast.model.snapshot.InvalidSnapshotException;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.snapshot.ParameterLayout;
import io.statecast.model.snapshot.SnapshotBuilder;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Imports the PyTorch goldens' state dicts; checks names, layouts and the head's outputs. */
class PyTorchImporterTest {

    private static Architecture architecture(CellType cell, int layers, HeadType head) {
        return Architecture.newBuilder()
                .setCell(cell)
                .setLayers(layers)
                .setHiddenSize(5)
                .setInputSize(3)
                .setHorizon(1)
                .setHead(head)
                .build();
    }

    private static Map<String, INDArray> stateDict(String golden) {
        return Npz.read(GoldenCase.file(golden + "/state_dict.npz"));
    }

    @ParameterizedTest(name = "{0} with {1} layer(s)")
    @CsvSource({"RNN, 1", "RNN, 2", "LSTM, 1", "LSTM, 2", "GRU, 1", "GRU, 2"})
    void importsEveryGoldenWithTransposedWeightsAndRowBiases(CellType cell, int layers) {
        String golden = cell.name().toLowerCase() + "_l" + layers;
        Architecture architecture = architecture(cell, layers, HeadType.PER_STEP);
        Map<String, INDArray> torch = stateDict(golden);
        Map<String, INDArray> ours =
                PyTorchImporter.readNpz(
                        GoldenCase.file(golden + "/state_dict.npz"), architecture, DataType.DOUBLE);

        Map<String, long[]> expected = ParameterLayout.expectedShapes(architecture);
        assertThat(ours.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach(
                (name, shape) -> assertThat(ours.get(name).shape()).as(name).isEqualTo(shape));
        int last = layers - 1;
        assertThat(ours.get("layer" + last + ".W_ih"))
                .isEqualTo(torch.get("rnn.weight_ih_l" + last).transpose());
        assertThat(ours.get("layer0.W_hh")).isEqualTo(torch.get("rnn.weight_hh_l0").transpose());
        assertThat(ours.get("layer0.b_hh").getDouble(0, 3))
                .isEqualTo(torch.get("rnn.bias_hh_l0").getDouble(3));
        assertThat(ours.get("head.W")).isEqualTo(torch.get("head.weight").transpose());

        // The snapshot keeps every imported name and shape (values rounded to float32).
        ModelSnapshot snapshot =
                SnapshotBuilder.forArchitecture(architecture).parameters(ours).build();
        Map<String, INDArray> reloaded =
                ModelSnapshots.parameters(
                        ModelSnapshots.fromBytes(ModelSnapshots.toBytes(snapshot)),
                        DataType.DOUBLE);
        assertThat(reloaded.keySet()).containsExactlyElementsOf(ours.keySet());
        reloaded.forEach(
                (name, value) ->
                        assertThat(value.equalsWithEps(ours.get(name), 1e-6)).as(name).isTrue());
    }

    static List<String> goldens() {
        return GoldenCase.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void goldenArraysHaveTheDocumentedShapes(String name) {
        GoldenCase golden = GoldenCase.load(name);
        long layers = golden.architecture().getLayers();
        assertThat(golden.x().shape()).containsExactly(4, 6, 3);
        assertThat(golden.output().shape()).containsExactly(4, 6, 5);
        for (INDArray state : new INDArray[] {golden.h0(), golden.hN()}) {
            assertThat(state.shape()).containsExactly(layers, 4, 5);
        }
        boolean lstm = golden.architecture().getCell() == CellType.LSTM;
        assertThat(golden.c0() != null && golden.cN() != null).isEqualTo(lstm);
        assertThat(golden.headPerStep().shape()).containsExactly(4, 6, 1);
        assertThat(golden.headLastStep().shape()).containsExactly(4, 1);
        // PyTorch's last output step is the top layer's final hidden state.
        assertThat(golden.output().get(all(), point(5), all()))
                .isEqualTo(golden.hN().get(point(layers - 1), all(), all()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void importedHeadsReproducePyTorchsHeadOutputs(String name) {
        GoldenCase golden = GoldenCase.load(name);
        INDArray output = golden.output();
        INDArray perStep =
                DenseHead.fromParameters(HeadType.PER_STEP, golden.parameters()).forward(output);
        assertThat(perStep.equalsWithEps(golden.headPerStep(), 1e-12)).isTrue();
        INDArray lastStep =
                DenseHead.fromParameters(HeadType.LAST_STEP, golden.parameters())
                        .forward(output.get(all(), point(output.size(1) - 1), all()).dup());
        assertThat(lastStep.equalsWithEps(golden.headLastStep(), 1e-12)).isTrue();
    }

    @Test
    void acceptsExplicitPrefixesAndConvertsToFloat() {
        Map<String, INDArray> renamed = new LinkedHashMap<>();
        stateDict("gru_l1")
                .forEach(
                        (key, value) ->
                                renamed.put(
                                        key.replace("rnn.", "encoder.")
                                                .replace("head.", "decoder.out."),
                                        value));
        Map<String, INDArray> ours =
                PyTorchImporter.importStateDict(
                        renamed,
                        architecture(CellType.GRU, 1, HeadType.LAST_STEP),
                        "encoder.",
                        "decoder.out.",
                        DataType.FLOAT);
        assertThat(ours.get("layer0.W_ih").dataType()).isEqualTo(DataType.FLOAT);
        assertThat(
                        PyTorchImporter.importStateDict(
                                        renamed,
                                        architecture(CellType.GRU, 1, HeadType.LAST_STEP),
                                        DataType.FLOAT)
                                .keySet())
                .containsExactlyElementsOf(ours.keySet());
    }

    @Test
    void namesMissingExtraAndMisShapedTensors() {
        Architecture lstm = architecture(CellType.LSTM, 1, HeadType.PER_STEP);
        Map<String, INDArray> missing = new LinkedHashMap<>(stateDict("lstm_l1"));
        missing.remove("rnn.bias_hh_l0");
        assertThatThrownBy(() -> PyTorchImporter.importStateDict(missing, lstm, DataType.FLOAT))
                .isInstanceOf(InvalidSnapshotException.class)
                .hasMessageStartingWith(
                        "rnn.bias_hh_l0 is missing from the state dict (needed for layer0.b_hh)");

        Map<String, INDArray> bidirectional = new LinkedHashMap<>(stateDict("lstm_l1"));
        bidirectional.put("rnn.weight_ih_l0_reverse", bidirectional.get("rnn.weight_ih_l0"));
        assertThatThrownBy(
                        () -> PyTorchImporter.importStateDict(bidirectional, lstm, DataType.FLOAT))
                .hasMessageStartingWith(
                        "rnn.weight_ih_l0_reverse is not part of a 1-layer unidirectional LSTM")
                .hasMessageEndingWith("(bidirectional RNNs are not supported)");

        assertThatThrownBy(
                        () ->
                                PyTorchImporter.importStateDict(
                                        stateDict("lstm_l1"),
                                        architecture(CellType.GRU, 1, HeadType.PER_STEP),
                                        DataType.FLOAT))
                .hasMessage(
                        "rnn.weight_ih_l0 has shape [20, 3]; expected [15, 3] (PyTorch layout of"
                                + " our [3, 15])");
        assertThatThrownBy(
                        () ->
                                PyTorchImporter.importStateDict(
                                        stateDict("lstm_l1"),
                                        architecture(CellType.LSTM, 2, HeadType.PER_STEP),
                                        DataType.FLOAT))
                .hasMessageStartingWith("rnn.weight_ih_l1 is missing");
        Architecture twoAhead = architecture(CellType.LSTM, 1, HeadType.MULTI_HORIZON);
        twoAhead.setHorizon(2);
        assertThatThrownBy(
                        () ->
                                PyTorchImporter.importStateDict(
                                        stateDict("lstm_l1"), twoAhead, DataType.FLOAT))
                .hasMessage(
                        "head.weight has shape [1, 5]; expected [2, 5] (PyTorch layout of our [5,"
                                + " 2])");
    }

    @Test
    void prefixDetectionNeedsOneRecurrentModuleAndOneHead() {
        Map<String, INDArray> twoHeads = new LinkedHashMap<>(stateDict("rnn_l1"));
        twoHeads.put("aux.weight", twoHeads.get("head.weight"));
        assertThatThrownBy(
                        () ->
                                PyTorchImporter.importStateDict(
                                        twoHeads,
                                        architecture(CellType.RNN, 1, HeadType.PER_STEP),
                                        DataType.FLOAT))
                .hasMessageContaining("weight of the Linear head must occur in exactly one key");
        assertThatThrownBy(
                        () ->
                                PyTorchImporter.importStateDict(
                                        Map.of(),
                                        architecture(CellType.RNN, 1, HeadType.PER_STEP),
                                        DataType.FLOAT))
                .hasMessageContaining("weight_ih_l0 must occur in exactly one key");
    }
}
