package io.statecast.model.serve;

import io.statecast.model.engine.BatchedRnnEngine;
import io.statecast.model.head.GaussianOutput;
import io.statecast.schemas.HeadType;
import org.nd4j.linalg.api.buffer.DataType;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link BatchForecaster} over the {@link BatchedRnnEngine}: the recurrent layers run batched in the engine;
 * the head (an H × out projection, tiny next to the recurrence) runs as a plain loop over each row's last
 * hidden state. All buffers are allocated here, none per run.
 */
final class EngineForecaster implements BatchForecaster {

    private final long version;
    private final int horizon;
    private final boolean gaussian;
    private final int hidden;
    private final int outputs;
    private final BatchedRnnEngine engine;
    private final float[] headW;
    private final float[] headB;
    private final float[] lastHidden;
    private final double[] headOut;
    /** The run whose head outputs {@link #headOut} holds, per row; {@link #runs} counts runs. */
    private final long[] headRun;
    private long runs;
    private final float[] zeros;
    private final int maxSteps;
    // The value input (feature 0) of every row and step as set, and of each row's last run step.
    private final double[] values;
    private final double[] lastValues;

    EngineForecaster(ServingModel model, int capacity, int maxSteps) {
        this.version = model.version();
        this.horizon = model.horizon();
        this.gaussian = model.snapshot().getArchitecture().getHead() == HeadType.GAUSSIAN;
        this.hidden = model.config().hiddenSize();
        this.engine = new BatchedRnnEngine(model.config(), model.parameters(), capacity, maxSteps, false);
        INDArray w = model.parameters().get("head.W");
        this.outputs = (int) w.size(1);
        this.headW = w.castTo(DataType.FLOAT).dup('c').data().asFloat();
        this.headB = model.parameters().get("head.b").castTo(DataType.FLOAT).dup('c').data().asFloat();
        this.lastHidden = new float[hidden];
        this.headOut = new double[capacity * outputs];
        this.headRun = new long[capacity];
        Arrays.fill(headRun, -1);
        this.zeros = new float[engine.stateSize()];
        this.maxSteps = maxSteps;
        this.values = new double[capacity * maxSteps];
        this.lastValues = new double[capacity];
        Arrays.fill(lastValues, Double.NaN);
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public int inputSize() {
        return engine.config().inputSize();
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public boolean hasIntervals() {
        return gaussian;
    }

    @Override
    public int stateSize() {
        return engine.stateSize();
    }

    @Override
    public int capacity() {
        return engine.capacity();
    }

    @Override
    public void loadState(int row, float[] state) {
        engine.gather(row, state == null ? zeros : state);
    }

    @Override
    public void storeState(int row, float[] out) {
        engine.scatter(row, out);
    }

    @Override
    public void setInput(int row, int step, double[] values, int offset) {
        for (int f = 0; f < engine.config().inputSize(); f++) {
            engine.setInput(row, step, f, (float) values[offset + f]);
        }
        this.values[row * maxSteps + step] = values[offset];
    }

    @Override
    public void run(int rows, int steps) {
        engine.run(rows, steps);
        runs++;
        for (int r = 0; r < rows; r++) {
            lastValues[r] = values[r * maxSteps + steps - 1];
        }
    }

    /**
     * The head's outputs of a row, computed on the first read after a run: the forecast operator runs most
     * rows for steps in the middle of a window and reads the head only of those that complete one.
     */
    private double head(int row, int output) {
        if (headRun[row] != runs) {
            engine.readLastHidden(row, lastHidden, 0);
            for (int k = 0; k < outputs; k++) {
                double sum = headB[k];
                for (int j = 0; j < hidden; j++) {
                    sum += lastHidden[j] * headW[j * outputs + k];
                }
                headOut[row * outputs + k] = sum;
            }
            headRun[row] = runs;
        }
        return headOut[row * outputs + output];
    }

    @Override
    public double mean(int row, int step) {
        checkStep(step);
        // PER_STEP / LAST_STEP heads have one output: the next step's value (horizon 1).
        return head(row, step);
    }

    @Override
    public double lastInput(int row) {
        return lastValues[row];
    }

    @Override
    public double stdDev(int row, int step) {
        checkStep(step);
        if (!gaussian) {
            throw new IllegalStateException("model version " + version + " has no Gaussian head: no intervals");
        }
        double logVar = Math.min(Math.max(head(row, horizon + step),
                GaussianOutput.MIN_LOG_VARIANCE), GaussianOutput.MAX_LOG_VARIANCE);
        return Math.exp(0.5 * logVar);
    }

    private void checkStep(int step) {
        if (step < 0 || step >= horizon) {
            throw new IllegalArgumentException("horizon step must be in [0, " + horizon + "), got " + step);
        }
    }

    @Override
    public void close() {
        // The engine's native buffers are released with it by ND4J's deallocator.
    }
}
