package io.statecast.bench;

import io.statecast.model.engine.BatchedRnnEngine;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackedRnn;
import io.statecast.schemas.CellType;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * One time step of {@link BatchedRnnEngine} for a bundle of {@code batch} series (H = 64,
 * 1 input, 1 layer), next to the BLAS work alone on the same shapes: {@code cblasGemm} (the
 * direct cblas_sgemm calls the engine makes per step at B > 8, two per gate block: its
 * roofline) and {@code nd4jGemm} (x·W_ih and h·W_hh through {@code Nd4j.gemm}, ND4J's own
 * way). Divide ns/op by {@code batch} for ns per key per step. Run with OMP_NUM_THREADS=1 (checked).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineStep {

    static final int HIDDEN = 64;
    static final int INPUTS = 1;

    @Param({"RNN", "GRU", "LSTM"})
    public CellType cell;

    @Param({"1", "1024"})
    public int batch;

    /** false: as the forecast operator runs it (last state only); true: every step's output kept. */
    @Param({"false", "true"})
    public boolean keepOutputs;

    private BatchedRnnEngine engine;
    private INDArray x;
    private INDArray h;
    private INDArray wIh;
    private INDArray wHh;
    private INDArray pre;
    private FloatPointer px;
    private FloatPointer ph;
    private FloatPointer[] wIhGate;
    private FloatPointer[] wHhGate;
    private FloatPointer[] preGate;
    private int gates;
    private int width;

    @Setup(Level.Trial)
    public void setUp() {
        if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
            throw new IllegalStateException("run with OMP_NUM_THREADS=1 (one thread per slot)");
        }
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        RnnConfig config = RnnConfig.of(cell, INPUTS, HIDDEN, 1);
        Map<String, INDArray> params = new StackedRnn(config).initParams(DataType.FLOAT,
                StackedRnn.DEFAULT_SEED);
        engine = new BatchedRnnEngine(config, params, batch, 1, keepOutputs);
        Random random = new Random(1);
        float[] inputs = engine.inputs();
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextGaussian();
        }
        float[] state = new float[config.stateSize()];
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < state.length; i++) {
                state[i] = (float) (0.1 * random.nextGaussian());
            }
            engine.gather(r, state);
        }
        width = config.gates() * HIDDEN;
        x = Nd4j.rand(DataType.FLOAT, batch, INPUTS);
        h = Nd4j.rand(DataType.FLOAT, batch, HIDDEN);
        wIh = params.get("layer0.W_ih").dup('c');
        wHh = params.get("layer0.W_hh").dup('c');
        // Gate-major [G][batch][H] like the engine; nd4jGemm views it as [batch, G*H].
        pre = Nd4j.zeros(DataType.FLOAT, batch, width);
        px = (FloatPointer) x.data().addressPointer();
        ph = (FloatPointer) h.data().addressPointer();
        gates = config.gates();
        wIhGate = new FloatPointer[gates];
        wHhGate = new FloatPointer[gates];
        preGate = new FloatPointer[gates];
        for (int k = 0; k < gates; k++) {
            wIhGate[k] = at(wIh, (long) k * HIDDEN);
            wHhGate[k] = at(wHh, (long) k * HIDDEN);
            preGate[k] = at(pre, (long) k * batch * HIDDEN);
        }
    }

    private static FloatPointer at(INDArray a, long offset) {
        return new FloatPointer((FloatPointer) a.data().addressPointer()).position(offset);
    }

    @Benchmark
    public void engineStep() {
        engine.step(batch);
    }

    @Benchmark
    public void cblasGemm() {
        for (int k = 0; k < gates; k++) {
            openblas_nolapack.cblas_sgemm(101, 111, 111, batch, HIDDEN, INPUTS, 1f, px, INPUTS,
                    wIhGate[k], width, 0f, preGate[k], HIDDEN);
            openblas_nolapack.cblas_sgemm(101, 111, 111, batch, HIDDEN, HIDDEN, 1f, ph, HIDDEN,
                    wHhGate[k], width, 1f, preGate[k], HIDDEN);
        }
    }

    @Benchmark
    public INDArray nd4jGemm() {
        Nd4j.gemm(x, wIh, pre, false, false, 1.0, 0.0);
        return Nd4j.gemm(h, wHh, pre, false, false, 1.0, 1.0);
    }
}
