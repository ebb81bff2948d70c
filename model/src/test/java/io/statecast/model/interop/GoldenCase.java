package io.statecast.model.interop;

import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One PyTorch golden case from {@code src/test/resources/parity/<name>/} (made by make_goldens.py),
 * every array in DOUBLE: parameters already imported under our names, input {@code x [4, 6, 3]},
 * initial and final states {@code [layers, 4, 5]} ({@code c0} / {@code cN} null unless LSTM), the top
 * layer's outputs {@code [4, 6, 5]} and the Linear head's outputs per step {@code [4, 6, 1]} and at
 * the last step {@code [4, 1]}.
 */
public record GoldenCase(
        String name,
        Architecture architecture,
        Map<String, INDArray> parameters,
        INDArray x,
        INDArray h0,
        INDArray c0,
        INDArray output,
        INDArray hN,
        INDArray cN,
        INDArray headPerStep,
        INDArray headLastStep) {

    /** Names of every case: rnn, lstm and gru with 1 and 2 layers. */
    public static final List<String> NAMES =
            List.of("rnn_l1", "rnn_l2", "lstm_l1", "lstm_l2", "gru_l1", "gru_l2");

    /** Loads {@code name} (e.g. {@code lstm_l2}) with a PER_STEP head, horizon 1. */
    public static GoldenCase load(String name) {
        String[] parts = name.split("_l");
        Architecture architecture =
                Architecture.newBuilder()
                        .setCell(CellType.valueOf(parts[0].toUpperCase()))
                        .setActivation("tanh")
                        .setLayers(Integer.parseInt(parts[1]))
                        .setHiddenSize(5)
                        .setInputSize(3)
                        .setWindowSteps(6)
                        .setHorizon(1)
                        .setHead(HeadType.PER_STEP)
                        .build();
        return new GoldenCase(
                name,
                architecture,
                PyTorchImporter.readNpz(
                        file(name + "/state_dict.npz"), architecture, DataType.DOUBLE),
                array(name, "x"),
                array(name, "h0"),
                optional(name, "c0"),
                array(name, "output"),
                array(name, "h_n"),
                optional(name, "c_n"),
                array(name, "head_per_step"),
                array(name, "head_last_step"));
    }

    /** {@code parity/<relative>} on the test classpath. */
    public static Path file(String relative) {
        try {
            return Path.of(
                    Objects.requireNonNull(
                                    GoldenCase.class.getResource("/parity/" + relative),
                                    "golden file parity/"
                                            + relative
                                            + " is missing; run make_goldens.py")
                            .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static INDArray array(String name, String array) {
        return Npy.read(file(name + "/" + array + ".npy"));
    }

    private static INDArray optional(String name, String array) {
        Path path = file(name + "/x.npy").resolveSibling(array + ".npy");
        return Files.exists(path) ? Npy.read(path) : null;
    }
}
