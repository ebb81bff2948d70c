package io.statecast.bench;

import io.statecast.model.engine.BatchedRnnEngine;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackedRnn;
import io.statecast.schemas.CellType;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
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
 * DL4J 1.0.0-M2.1 as a peer, in the same run as ours, LSTM H = 64, one input:
 * <ul>
 *   <li>{@code dl4jTimeStepPerKey}: what serving B series with DL4J looks like — per series, set its
 *       state, {@code rnnTimeStep} one step, read its state back; vs {@code oursBundleStep}: gather B states,
 *       one batched engine step, scatter them back. Divide by {@code keys} for ns per key-step.</li>
 *   <li>{@code dl4jFit} vs {@code oursFit}: one Adam step on the same [64, 20, 1] batch, last-step head, MSE.</li>
 * </ul>
 * Peers live in test scope only. Run: see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class Dl4jPeerBenchmark {

    static final int HIDDEN = 64;

    @Param({"256"})
    public int keys;

    private MultiLayerNetwork dl4j;
    private MultiLayerNetwork dl4jServing;
    private INDArray[] dl4jH;
    private INDArray[] dl4jC;
    private INDArray dl4jStepInput;
    private BatchedRnnEngine engine;
    private float[][] states;
    private INDArray fitX;
    private INDArray fitY;
    private TrainingStepBenchmark.Fixture ours;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(1e-3))
                .dataType(DataType.FLOAT).list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(1).nOut(HIDDEN).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        dl4j = new MultiLayerNetwork(conf);
        dl4j.init();
        // rnnTimeStep needs a per-step output layer (it does not apply LastTimeStep); same LSTM.
        dl4jServing = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .list()
                .layer(new LSTM.Builder().nIn(1).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build());
        dl4jServing.init();
        dl4jH = new INDArray[keys];
        dl4jC = new INDArray[keys];
        for (int k = 0; k < keys; k++) {
            dl4jH[k] = Nd4j.zeros(DataType.FLOAT, 1, HIDDEN);
            dl4jC[k] = Nd4j.zeros(DataType.FLOAT, 1, HIDDEN);
        }
        dl4jStepInput = Nd4j.rand(DataType.FLOAT, 1, 1, 1);

        RnnConfig config = RnnConfig.of(CellType.LSTM, 1, HIDDEN, 1);
        Map<String, INDArray> params = new StackedRnn(config).initParams(DataType.FLOAT, StackedRnn.DEFAULT_SEED);
        engine = new BatchedRnnEngine(config, params, keys, 1);
        states = new float[keys][config.stateSize()];
        Random random = new Random(1);
        for (int k = 0; k < keys; k++) {
            engine.setInput(k, 0, 0, (float) random.nextGaussian());
        }

        ours = TrainingStepBenchmark.fixture("lstm64");
        fitX = ours.inputs().permute(0, 2, 1).dup('c'); // DL4J's recurrent layout is [batch, features, steps]
        fitY = ours.targets();
    }

    @Benchmark
    public Object dl4jTimeStepPerKey() {
        INDArray out = null;
        for (int k = 0; k < keys; k++) {
            dl4jServing.rnnSetPreviousState(0, Map.of("prevAct", dl4jH[k], "prevMem", dl4jC[k]));
            out = dl4jServing.rnnTimeStep(dl4jStepInput);
            Map<String, INDArray> state = dl4jServing.rnnGetPreviousState(0);
            dl4jH[k] = state.get("prevAct");
            dl4jC[k] = state.get("prevMem");
        }
        return out;
    }

    @Benchmark
    public float[][] oursBundleStep() {
        for (int k = 0; k < keys; k++) {
            engine.gather(k, states[k]);
        }
        engine.run(keys, 1);
        for (int k = 0; k < keys; k++) {
            engine.scatter(k, states[k]);
        }
        return states;
    }

    @Benchmark
    public double dl4jFit() {
        dl4j.fit(fitX, fitY);
        return dl4j.score();
    }

    @Benchmark
    public double oursFit() {
        return ours.step().run(null, ours.inputs(), ours.targets());
    }
}
