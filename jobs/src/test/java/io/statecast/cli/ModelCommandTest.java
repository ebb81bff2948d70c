package io.statecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.interop.Npy;
import io.statecast.model.interop.PyTorchImporter;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackedRnn;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.unroll.DynamicUnroll;
import io.statecast.schemas.CellType;
import io.statecast.schemas.ModelSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;

/** statecast model import / forward / inspect on the PyTorch golden files of the model module. */
class ModelCommandTest {

    static final Path GOLDEN = Path.of("..", "model", "src", "test", "resources", "parity", "lstm_l2");

    static int run(StringWriter out, String... args) {
        CommandLine cli = StatecastCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void importsForwardsAndInspectsAPyTorchLstm(@TempDir Path dir) {
        Path model = dir.resolve("model.avro");
        StringWriter out = new StringWriter();
        assertThat(run(out, "model", "import", "--pytorch", GOLDEN.resolve("state_dict.npz").toString(),
                "--cell", "lstm", "--layers", "2", "--hidden", "5", "--inputs", "3", "--head", "per_step",
                "--window", "6", "--output", model.toString())).as(out.toString()).isZero();
        ModelSnapshot s = ModelSnapshots.read(model);
        assertThat(s.getArchitecture().getCell()).isEqualTo(CellType.LSTM);

        Path y = dir.resolve("y.npy");
        assertThat(run(out, "model", "forward", "--model", model.toString(), "--input",
                GOLDEN.resolve("x.npy").toString(), "--output", y.toString())).as(out.toString()).isZero();
        INDArray x = Npy.read(GOLDEN.resolve("x.npy")).castTo(DataType.FLOAT);
        var params = PyTorchImporter.readNpz(GOLDEN.resolve("state_dict.npz"), s.getArchitecture(), DataType.FLOAT);
        INDArray expected = new DynamicUnroll(new StackedRnn(RnnConfig.of(CellType.LSTM, 3, 5, 2)))
                .forward(params, x, null).outputs();
        INDArray got = Npy.read(y);
        assertThat(got.shape()).containsExactly(4, 6, 5);
        assertThat(got.castTo(DataType.FLOAT).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-6);

        StringWriter inspected = new StringWriter();
        assertThat(run(inspected, "model", "inspect", model.toString())).isZero();
        assertThat(inspected.toString()).contains("2-layer LSTM, 5 hidden, 3 input(s)").contains("layer1.W_hh")
                .contains("head.W");
    }

    @Test
    void namesTheProblemOfABadImport(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        int code = run(out, "model", "import", "--pytorch", GOLDEN.resolve("state_dict.npz").toString(),
                "--cell", "gru", "--layers", "2", "--hidden", "5", "--inputs", "3", "--output",
                dir.resolve("m.avro").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).contains("weight_ih_l0");
    }
}
