package io.statecast.model.engine;

import io.statecast.model.layer.RnnConfig;
import java.nio.FloatBuffer;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batched inference of a stacked RNN/LSTM/GRU for the forecast operator: each series' state is
 * a {@code float[stateSize]} (per layer h, then c for LSTM; layer 0 first) that the caller
 * {@link #gather}s into a row, runs for the first {@code batch} rows, and {@link #scatter}s
 * back. Numbers equal {@code DynamicUnroll}'s (float, fast activations within a few ulps).
 *
 * <p>Usage per bundle: {@code gather} rows 0..B-1, write inputs with {@link #setInput} (or
 * into {@link #inputs()}, layout [step][row][feature]), {@link #run}(B, n), read
 * {@link #readOutput} / {@link #readLastHidden} for the head, {@code scatter} rows back.
 *
 * <p>All buffers are allocated once here and owned by the instance: no allocation per step.
 * Not thread-safe: one engine per operator instance/thread. Set OpenMP/OpenBLAS to one thread
 * per slot ({@code OMP_NUM_THREADS=1}); on AVX-512 CPUs newer than OpenBLAS 0.3.19 knows,
 * {@code OPENBLAS_CORETYPE=SkylakeX} roughly doubles the GEMM speed (see docs/notes).
 */
public final class BatchedRnnEngine {

    /**
     * Up to this many rows, a step runs as per-row Java loops instead of BLAS calls: at H = 64
     * both cost about the same per row at 8-9 rows (JNI and OpenBLAS set-up per call).
     */
    static final int SMALL_BATCH = 8;

    private final RnnConfig config;
    private final int capacity;
    private final int maxSteps;
    private final int inputSize;
    private final int hidden;
    private final EngineLayer[] layers;
    private final float[] inputs;
    /** The top layer's hidden state after every step of the last run, or null when not kept. */
    private final float[] outputs;
    private final INDArray stepInputNative;
    private final FloatPointer stepInput;
    private final FloatBuffer stepInputBuffer;
    private final float[] zeroState;

    /**
     * @param params parameters named as in {@code ParamNames} (FLOAT or DOUBLE; copied to FLOAT)
     * @param capacity most rows (series) per bundle
     * @param maxSteps most time steps per {@link #run}
     */
    public BatchedRnnEngine(RnnConfig config, Map<String, INDArray> params, int capacity,
            int maxSteps) {
        this(config, params, capacity, maxSteps, true);
    }

    /**
     * @param keepOutputs whether {@link #readOutput} can read every step's output; a caller that reads
     *     only the last hidden state (the forecast operator's head) saves a copy of the batch's top
     *     hidden state per step (B × H floats: 256 KiB at B = 1024, H = 64, swept through the cache)
     */
    public BatchedRnnEngine(RnnConfig config, Map<String, INDArray> params, int capacity,
            int maxSteps, boolean keepOutputs) {
        if (config == null || params == null) {
            throw new IllegalArgumentException("config and params must not be null");
        }
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
        }
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps must be > 0, got " + maxSteps);
        }
        this.config = config;
        this.capacity = capacity;
        this.maxSteps = maxSteps;
        this.inputSize = config.inputSize();
        this.hidden = config.hiddenSize();
        this.inputs = new float[Math.multiplyExact(capacity, maxSteps * inputSize)];
        this.outputs = keepOutputs ? new float[Math.multiplyExact(capacity, maxSteps * hidden)] : null;
        this.zeroState = new float[config.stateSize()];
        this.layers = new EngineLayer[config.layers()];
        // Native buffers must outlive any workspace the caller may have open.
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int l = 0; l < layers.length; l++) {
                layers[l] = new EngineLayer(config, params, l, capacity);
            }
            stepInputNative = Nd4j.zeros(DataType.FLOAT, capacity, inputSize);
        }
        stepInput = Sgemm.pointer(stepInputNative);
        stepInputBuffer = stepInputNative.data().asNioFloat();
    }

    /** The network's shape. */
    public RnnConfig config() {
        return config;
    }

    /** Most rows per bundle. */
    public int capacity() {
        return capacity;
    }

    /** Most steps per {@link #run}. */
    public int maxSteps() {
        return maxSteps;
    }

    /** Floats of one series' state. */
    public int stateSize() {
        return config.stateSize();
    }

    /** Loads a series' state into {@code row}. */
    public void gather(int row, float[] state) {
        checkState(row, state);
        int offset = 0;
        for (EngineLayer layer : layers) {
            offset += layer.load(row, state, offset);
        }
    }

    /** Sets {@code row}'s state to zeros (a new series). */
    public void resetState(int row) {
        gather(row, zeroState);
    }

    /** Copies {@code row}'s state out into {@code stateOut}. */
    public void scatter(int row, float[] stateOut) {
        checkState(row, stateOut);
        int offset = 0;
        for (EngineLayer layer : layers) {
            offset += layer.store(row, stateOut, offset);
        }
    }

    /**
     * The input buffer itself, step-major [step][row][feature] (so one step of the bundle is
     * contiguous); write inputs into it or use {@link #setInput}.
     */
    public float[] inputs() {
        return inputs;
    }

    /** Sets one input value. */
    public void setInput(int row, int step, int feature, float value) {
        checkRow(row);
        checkStep(step);
        if (feature < 0 || feature >= inputSize) {
            throw new IllegalArgumentException("feature must be in [0, " + inputSize + "), got "
                    + feature);
        }
        inputs[(step * capacity + row) * inputSize + feature] = value;
    }

    /** Runs one step (step 0 of the inputs) for rows [0, batch). */
    public void step(int batch) {
        run(batch, 1);
    }

    /** Runs {@code steps} steps for rows [0, batch), inputs from {@link #inputs()}. */
    public void run(int batch, int steps) {
        if (batch < 1 || batch > capacity) {
            throw new IllegalArgumentException("batch must be in [1, " + capacity + "], got "
                    + batch);
        }
        if (steps < 1 || steps > maxSteps) {
            throw new IllegalArgumentException("steps must be in [1, " + maxSteps + "], got "
                    + steps);
        }
        for (int t = 0; t < steps; t++) {
            if (batch <= SMALL_BATCH) {
                for (int b = 0; b < batch; b++) {
                    stepRow(b, t);
                }
            } else {
                stepBatched(batch, t);
            }
            if (outputs != null) {
                System.arraycopy(layers[layers.length - 1].h, 0, outputs, t * capacity * hidden,
                        batch * hidden);
            }
        }
    }

    private void stepRow(int row, int t) {
        layers[0].stepRow(row, inputs, (t * capacity + row) * inputSize);
        for (int l = 1; l < layers.length; l++) {
            layers[l].stepRow(row, layers[l - 1].h, row * hidden);
        }
    }

    private void stepBatched(int batch, int t) {
        stepInputBuffer.put(0, inputs, t * capacity * inputSize, batch * inputSize);
        layers[0].stepBatched(batch, stepInput);
        for (int l = 1; l < layers.length; l++) {
            layers[l].stepBatched(batch, layers[l - 1].hiddenPointer());
        }
    }

    /**
     * Copies the top layer's hidden state (H floats) after step {@code step} of the last run;
     * steps the last run did not reach hold older values. Only for an engine that keeps outputs.
     */
    public void readOutput(int row, int step, float[] dst, int offset) {
        if (outputs == null) {
            throw new IllegalStateException("this engine keeps only the last hidden state: create it with"
                    + " keepOutputs to read every step's output");
        }
        checkRow(row);
        checkStep(step);
        System.arraycopy(outputs, (step * capacity + row) * hidden, dst, offset, hidden);
    }

    /** Copies {@code row}'s current top-layer hidden state (H floats, the head's input). */
    public void readLastHidden(int row, float[] dst, int offset) {
        checkRow(row);
        System.arraycopy(layers[layers.length - 1].h, row * hidden, dst, offset, hidden);
    }

    private void checkRow(int row) {
        if (row < 0 || row >= capacity) {
            throw new IllegalArgumentException("row must be in [0, " + capacity + "), got " + row);
        }
    }

    private void checkStep(int step) {
        if (step < 0 || step >= maxSteps) {
            throw new IllegalArgumentException("step must be in [0, " + maxSteps + "), got "
                    + step);
        }
    }

    private void checkState(int row, float[] state) {
        checkRow(row);
        if (state == null || state.length != config.stateSize()) {
            throw new IllegalArgumentException("state must have " + config.stateSize()
                    + " floats (layers x H" + (config.hasMemoryCell() ? " x 2" : "") + "), got "
                    + (state == null ? "null" : state.length));
        }
    }
}
