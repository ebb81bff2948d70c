package io.statecast.cli;

import io.statecast.model.cell.Activation;
import io.statecast.model.interop.Npy;
import io.statecast.model.interop.PyTorchImporter;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackedRnn;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.snapshot.NamedTensors;
import io.statecast.model.snapshot.SnapshotBuilder;
import io.statecast.model.train.SequenceNetwork;
import io.statecast.model.unroll.DynamicUnroll;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.NamedTensor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code statecast model}: import PyTorch weights, run a model on arrays, and inspect a model file. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Work with ModelSnapshot files: import from PyTorch, forward .npy arrays, inspect.",
        subcommands = {ModelCommand.Import.class, ModelCommand.Forward.class, ModelCommand.Inspect.class})
final class ModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    static ModelSnapshot read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("no model file at " + file);
        }
        try {
            return ModelSnapshots.read(file);
        } catch (IllegalArgumentException e) {
            throw CliException.data(file + " is not a valid model: " + e.getMessage());
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Turn a PyTorch state_dict saved with numpy.savez (nn.RNN/LSTM/GRU, batch_first, plus an "
                    + "nn.Linear head; names weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, ..., and the "
                    + "head's weight and bias; PyTorch's gate order) into a ModelSnapshot file."})
    static final class Import implements Callable<Integer> {
        @Option(names = "--pytorch", required = true, paramLabel = "STATE_DICT.npz", description = "The state dict.")
        Path npz;
        @Option(names = "--cell", required = true, paramLabel = "rnn|lstm|gru", description = "Recurrent cell.")
        String cell;
        @Option(names = "--activation", defaultValue = "tanh", description = "Basic RNN activation: tanh or relu (default: ${DEFAULT-VALUE}).")
        String activation;
        @Option(names = "--layers", defaultValue = "1", description = "Stacked layers (default: ${DEFAULT-VALUE}).")
        int layers;
        @Option(names = "--hidden", required = true, description = "Hidden units per layer.")
        int hidden;
        @Option(names = "--inputs", defaultValue = "1", description = "Inputs per step (default: ${DEFAULT-VALUE}).")
        int inputs;
        @Option(names = "--head", defaultValue = "last_step",
                description = "per_step, last_step, multi_horizon or gaussian (default: ${DEFAULT-VALUE}).")
        String head;
        @Option(names = "--horizon", defaultValue = "1", description = "Forecast horizon (default: ${DEFAULT-VALUE}).")
        int horizon;
        @Option(names = "--window", defaultValue = "20", description = "Window steps n the model serves (default: ${DEFAULT-VALUE}).")
        int window;
        @Option(names = "--version", defaultValue = "1", description = "Snapshot version (default: ${DEFAULT-VALUE}).")
        long version;
        @Option(names = "--output", required = true, paramLabel = "model.avro", description = "Snapshot file to write.")
        Path output;

        @Override
        public Integer call() {
            Architecture a;
            Map<String, INDArray> params;
            try {
                a = Architecture.newBuilder().setCell(CellType.valueOf(cell.toUpperCase()))
                        .setActivation(Activation.parse(activation).id()).setLayers(layers).setHiddenSize(hidden)
                        .setInputSize(inputs).setWindowSteps(window).setHorizon(horizon)
                        .setHead(HeadType.valueOf(head.toUpperCase())).build();
                if (!Files.isRegularFile(npz)) {
                    throw new IllegalArgumentException("no state dict at " + npz);
                }
                params = PyTorchImporter.readNpz(npz, a, DataType.FLOAT);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
            ModelSnapshot s = SnapshotBuilder.forArchitecture(a).version(version).createdAt(Instant.now())
                    .parameters(params).hyperparameter("source", "pytorch:" + npz.getFileName()).build();
            ModelSnapshots.write(s, output);
            System.out.println("wrote " + output + ": " + describe(a) + ", version " + version);
            return ExitCodes.OK;
        }
    }

    @Command(name = "forward", mixinStandardHelpOptions = true,
            description = {"Run a model over X.npy of shape [batch, steps, inputs] from a zero state and write "
                    + "the top layer's hidden outputs [batch, steps, hidden] (or, with --head-output, the head's "
                    + "outputs for the last step) to Y.npy."})
    static final class Forward implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "model.avro", description = "Snapshot file.")
        Path model;
        @Option(names = "--input", required = true, paramLabel = "X.npy", description = "Inputs [batch, steps, inputs].")
        Path input;
        @Option(names = "--output", required = true, paramLabel = "Y.npy", description = "Outputs to write.")
        Path output;
        @Option(names = "--head-output", description = "Write the head's outputs instead of the hidden outputs.")
        boolean headOutput;

        @Override
        public Integer call() {
            ModelSnapshot s = read(model);
            Architecture a = s.getArchitecture();
            INDArray x;
            try {
                x = Npy.read(input).castTo(DataType.FLOAT);
            } catch (RuntimeException e) {
                throw CliException.data("cannot read " + input + " as .npy: " + e.getMessage());
            }
            if (x.rank() != 3 || x.size(2) != a.getInputSize()) {
                throw CliException.usage(input + " has shape " + Arrays.toString(x.shape()) + "; the model takes [batch, "
                        + "steps, " + a.getInputSize() + "]");
            }
            RnnConfig config = new RnnConfig(a.getCell(), Activation.parse(a.getActivation()), a.getInputSize(),
                    a.getHiddenSize(), a.getLayers());
            Map<String, INDArray> params = ModelSnapshots.parameters(s, DataType.FLOAT);
            INDArray y = headOutput ? new SequenceNetwork(config, a.getHead(), params).forwardHead(x, null)
                    : new DynamicUnroll(new StackedRnn(config)).forward(params, x, null).outputs();
            Npy.write(y, output);
            System.out.println("wrote " + output + " " + Arrays.toString(y.shape()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Describe a model file.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "model.avro", description = "Snapshot file.")
        Path model;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ModelSnapshot s = read(model);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("version %d (parent %s), created %s%n", s.getVersion(), s.getParentVersion(), s.getCreatedAt());
            out.println("architecture: " + describe(s.getArchitecture()));
            out.printf("scaling: %s, %d series with their own statistics, warm-up %d steps%n",
                    s.getScaling().getKind(), s.getScaling().getPerSeries().size(), s.getScaling().getWarmupSteps());
            out.println("hyperparameters: " + s.getHyperparameters());
            out.println("training metrics: " + s.getTrainingMetrics());
            out.println("validation metrics: " + s.getValidationMetrics());
            long count = 0;
            for (NamedTensor t : s.getWeights()) {
                long[] shape = NamedTensors.shapeOf(t);
                count += Arrays.stream(shape).reduce(1, (p, q) -> p * q);
                out.printf("  %-14s %s%n", t.getName(), Arrays.toString(shape));
            }
            out.printf("%,d parameters%n", count);
            out.flush();
            return ExitCodes.OK;
        }
    }

    static String describe(Architecture a) {
        return String.format("%d-layer %s%s, %d hidden, %d input(s), window %d, %s head, horizon %d", a.getLayers(),
                a.getCell(), a.getCell() == CellType.RNN ? " (" + a.getActivation() + ")" : "", a.getHiddenSize(),
                a.getInputSize(), a.getWindowSteps(), a.getHead(), a.getHorizon());
    }
}
