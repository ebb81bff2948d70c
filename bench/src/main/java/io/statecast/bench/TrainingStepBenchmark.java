package io.statecast.bench;

import io.statecast.model.cell.Activation;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.optim.Adam;
import io.statecast.model.train.SequenceNetwork;
import io.statecast.model.train.TrainingStep;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, BPTT through 20 steps, head and loss, Adam update) in FLOAT, one
 * thread: an LSTM H=64 with a last-step head on batch 64 (target ≤ 8 ms; PyTorch 1.13 10.6 ms),
 * and the book's basic RNN of 100 ReLU units with a per-step head on batch 50 (target ≤ 2 ms;
 * PyTorch 2.27 ms). Inputs are fixed random windows of one feature.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Thread)
public class TrainingStepBenchmark {

    /** Network and batch shape. */
    @Param({"lstm64", "geronRnn100"})
    public String model;

    private TrainingStep step;
    private INDArray inputs;
    private INDArray targets;

    @Setup(Level.Trial)
    public void setUp() {
        Fixture f = fixture(model);
        step = f.step();
        inputs = f.inputs();
        targets = f.targets();
    }

    /** A network, its Adam step and a fixed batch for {@code lstm64} or {@code geronRnn100}. */
    record Fixture(TrainingStep step, INDArray inputs, INDArray targets) {
        void run() {
            step.run(null, inputs, targets);
        }
    }

    static Fixture fixture(String model) {
        if (!model.equals("lstm64") && !model.equals("geronRnn100")) {
            throw new IllegalArgumentException("model must be lstm64 or geronRnn100, got "
                    + model);
        }
        boolean lstm = model.equals("lstm64");
        RnnConfig config = lstm ? RnnConfig.of(CellType.LSTM, 1, 64, 1)
                : new RnnConfig(CellType.RNN, Activation.RELU, 1, 100, 1);
        HeadType head = lstm ? HeadType.LAST_STEP : HeadType.PER_STEP;
        int batch = lstm ? 64 : 50;
        int steps = 20;
        SequenceNetwork network = SequenceNetwork.initialise(config, head, 1, DataType.FLOAT, 42);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, steps, 1);
        INDArray y = lstm ? Nd4j.randn(DataType.FLOAT, batch, 1)
                : Nd4j.randn(DataType.FLOAT, batch, steps, 1);
        return new Fixture(new TrainingStep(network, new Adam(1e-3), 0), x, y);
    }

    @Benchmark
    public double adamStep() {
        return step.run(null, inputs, targets);
    }
}
