package io.statecast.model.examples;

import io.statecast.model.cell.Activation;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.optim.Adam;
import io.statecast.model.train.SequenceNetwork;
import io.statecast.model.train.TrainingStep;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Géron's ch. 14 time-series listing on our trainer parts ({@code statecast example geron}): the
 * series {@code t·sin(t)/3 + 2·sin(5t)}, t in [0, 30) at resolution 0.1; each mini-batch holds 50
 * windows of 20 steps starting at a uniform t0 (the book's {@code next_batch}: X = values at
 * t0 + k·0.1 for k = 0..19, y = the same shifted by one step); a basic RNN of 100 ReLU units with
 * a per-step output projection (the book's {@code OutputProjectionWrapper}), MSE, no scaling,
 * Adam with learning rate 0.001, 1500 iterations, the batch MSE printed every 100. At the end
 * the MSE over 1000 fresh windows and the prediction of the book's test window (t from 12.2).
 */
public final class GeronTimeSeriesExample {

    public static final int STEPS = 20;
    public static final int NEURONS = 100;
    public static final int BATCH = 50;
    public static final int ITERATIONS = 1500;
    public static final double LEARNING_RATE = 0.001;
    /** The book's MSE ≈ 0.047 after 1000 iterations; ours must be at most this after 1500. */
    public static final double TARGET_MSE = 0.05;
    public static final long SEED = 42L;

    static final double T_MIN = 0;
    static final double T_MAX = 30;
    static final double RESOLUTION = 0.1;
    static final double TEST_T0 = 12.2;
    static final int EVALUATION_WINDOWS = 1000;

    /**
     * What a run gave.
     *
     * @param batchMse the training batch's MSE after the update at iterations 0, 100, ..., 1400
     *     and the last, as the book prints it
     * @param evaluationMse MSE over {@value #EVALUATION_WINDOWS} fresh random windows
     * @param testInputs the test window's inputs (t = 12.2 + k·0.1, k = 0..19)
     * @param testTargets its values shifted by one step
     * @param testPredictions the network's per-step predictions
     */
    public record Result(Map<Integer, Double> batchMse, double evaluationMse,
            double[] testInputs, double[] testTargets, double[] testPredictions) {

        /** Whether the evaluation MSE is within {@link #TARGET_MSE}. */
        public boolean reachesTarget() {
            return evaluationMse <= TARGET_MSE;
        }
    }

    /** The book's series. */
    public static double timeSeries(double t) {
        return t * Math.sin(t) / 3 + 2 * Math.sin(5 * t);
    }

    /** Trains as the book does and prints its log, the evaluation and the test window. */
    public Result run(PrintStream out) {
        out.printf("Géron ch. 14 time series: t·sin(t)/3 + 2·sin(5t), %d-step windows, basic RNN "
                + "of %d ReLU units + per-step projection, Adam lr %s, batch %d, %d iterations%n",
                STEPS, NEURONS, LEARNING_RATE, BATCH, ITERATIONS);
        RnnConfig config = new RnnConfig(CellType.RNN, Activation.RELU, 1, NEURONS, 1);
        SequenceNetwork network = SequenceNetwork.initialise(config, HeadType.PER_STEP, 1,
                DataType.FLOAT, SEED);
        TrainingStep step = new TrainingStep(network, new Adam(LEARNING_RATE), 0);
        SplittableRandom random = new SplittableRandom(SEED);
        Map<Integer, Double> log = new LinkedHashMap<>();
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            INDArray[] batch = nextBatch(random, BATCH);
            step.run(null, batch[0], batch[1]);
            if (iteration % 100 == 0 || iteration == ITERATIONS - 1) {
                double mse = network.evaluate(batch[0], null, batch[1]).mse();
                log.put(iteration, mse);
                out.printf("%d\tMSE: %.6f%n", iteration, mse);
            }
        }
        INDArray[] fresh = nextBatch(new SplittableRandom(SEED + 1), EVALUATION_WINDOWS);
        double evaluation = network.evaluate(fresh[0], null, fresh[1]).mse();
        out.printf("MSE over %d fresh windows: %.6f (target <= %s): %s%n", EVALUATION_WINDOWS,
                evaluation, TARGET_MSE, evaluation <= TARGET_MSE ? "reached" : "NOT reached");
        return testWindow(network, log, evaluation, out);
    }

    private static Result testWindow(SequenceNetwork network, Map<Integer, Double> log,
            double evaluation, PrintStream out) {
        INDArray[] test = window(new double[] {TEST_T0});
        INDArray prediction = network.forwardHead(test[0], null);
        double[] x = test[0].reshape(STEPS).toDoubleVector();
        double[] y = test[1].reshape(STEPS).toDoubleVector();
        double[] p = prediction.reshape(STEPS).toDoubleVector();
        out.println("test window t0 = 12.2:  t  input  target  prediction");
        for (int k = 0; k < STEPS; k++) {
            out.printf("%.1f  %9.5f  %9.5f  %9.5f%n", TEST_T0 + k * RESOLUTION, x[k], y[k], p[k]);
        }
        return new Result(Map.copyOf(log), evaluation, x, y, p);
    }

    /** {@code size} windows with t0 ~ U[0, 30 − 20·0.1): inputs and shifted targets. */
    static INDArray[] nextBatch(SplittableRandom random, int size) {
        double[] t0 = new double[size];
        for (int b = 0; b < size; b++) {
            t0[b] = random.nextDouble() * (T_MAX - T_MIN - STEPS * RESOLUTION);
        }
        return window(t0);
    }

    private static INDArray[] window(double[] t0) {
        int size = t0.length;
        double[] x = new double[size * STEPS];
        double[] y = new double[size * STEPS];
        for (int b = 0; b < size; b++) {
            for (int k = 0; k < STEPS; k++) {
                x[b * STEPS + k] = timeSeries(t0[b] + k * RESOLUTION);
                y[b * STEPS + k] = timeSeries(t0[b] + (k + 1) * RESOLUTION);
            }
        }
        long[] shape = {size, STEPS, 1};
        return new INDArray[] {Nd4j.create(x, shape, DataType.FLOAT),
            Nd4j.create(y, shape, DataType.FLOAT)};
    }
}
