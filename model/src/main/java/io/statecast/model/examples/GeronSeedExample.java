package io.statecast.model.examples;

import io.statecast.model.cell.ParamNames;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackedRnn;
import io.statecast.model.unroll.DynamicUnroll;
import io.statecast.model.unroll.StaticUnroll;
import io.statecast.model.unroll.UnrollCache;
import io.statecast.schemas.CellType;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The first listings of Géron's ch. 14 on our cells ({@code statecast example seed}): a tanh
 * RNN of 5 neurons over 3 inputs, two steps, a mini-batch of 4, computed three ways — by hand
 * ({@code Y0 = tanh(X0·Wx + b)}, {@code Y1 = tanh(Y0·Wy + X1·Wx + b)}), by the static unroll
 * and by the dynamic unroll of the [4, 2, 3] batch — which must agree; the final state must
 * equal the last output.
 */
public final class GeronSeedExample {

    /** Seed of the weights Wx, Wy ~ N(0, 1); b is zero as in the book. */
    public static final long SEED = 42L;
    static final int INPUTS = 3;
    static final int NEURONS = 5;
    /** Largest difference accepted between the three ways (float rounding order differs). */
    static final double TOLERANCE = 1e-6;

    static final float[][] X0 = {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9, 0, 1}};
    static final float[][] X1 = {{9, 8, 7}, {0, 0, 0}, {6, 5, 4}, {3, 2, 1}};

    /** Outputs of the three ways and the dynamic unroll's final state. */
    public record Outputs(INDArray[] manual, INDArray[] staticUnroll, INDArray[] dynamicUnroll,
            INDArray finalState) {

        /** Largest absolute difference between any two ways, over both steps. */
        public double maxDifference() {
            double d = 0;
            for (int t = 0; t < 2; t++) {
                d = Math.max(d, diff(manual[t], staticUnroll[t]));
                d = Math.max(d, diff(manual[t], dynamicUnroll[t]));
                d = Math.max(d, diff(staticUnroll[t], dynamicUnroll[t]));
            }
            return d;
        }

        /** Largest absolute difference between the final state and the last output. */
        public double finalStateDifference() {
            return diff(finalState, dynamicUnroll[1]);
        }

        private static double diff(INDArray a, INDArray b) {
            return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
        }
    }

    /** The book's parameters: Wx [3, 5], Wy [5, 5] ~ N(0, 1) seeded, b [1, 5] = 0. */
    public static Map<String, INDArray> params() {
        Random random = new Random(SEED);
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put(ParamNames.wIh(0), gaussian(random, INPUTS, NEURONS));
        p.put(ParamNames.wHh(0), gaussian(random, NEURONS, NEURONS));
        p.put(ParamNames.bIh(0), Nd4j.zeros(DataType.FLOAT, 1, NEURONS));
        p.put(ParamNames.bHh(0), Nd4j.zeros(DataType.FLOAT, 1, NEURONS));
        return p;
    }

    private static INDArray gaussian(Random random, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.FLOAT);
    }

    /** Computes the three ways. */
    public static Outputs compute() {
        Map<String, INDArray> p = params();
        INDArray x0 = Nd4j.create(X0);
        INDArray x1 = Nd4j.create(X1);
        INDArray wx = p.get(ParamNames.wIh(0));
        INDArray wy = p.get(ParamNames.wHh(0));
        INDArray b = p.get(ParamNames.bIh(0));
        INDArray y0 = Transforms.tanh(x0.mmul(wx).addiRowVector(b), false);
        INDArray y1 = Transforms.tanh(y0.mmul(wy).addi(x1.mmul(wx)).addiRowVector(b), false);

        StackedRnn rnn = new StackedRnn(RnnConfig.of(CellType.RNN, INPUTS, NEURONS, 1));
        StaticUnroll.Result st = new StaticUnroll(rnn).run(p, List.of(x0, x1), null);

        INDArray batch = Nd4j.stack(1, x0, x1);
        UnrollCache dyn = new DynamicUnroll(rnn).forward(p, batch, (StackState) null);
        INDArray out = dyn.outputs();
        INDArray[] dynamic = {
            out.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all()).dup(),
            out.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all()).dup()};
        return new Outputs(new INDArray[] {y0, y1},
                st.outputs().toArray(new INDArray[0]), dynamic, dyn.finalState().topHidden());
    }

    /**
     * Prints the listings' outputs and the checks.
     *
     * @return whether the three ways agree and the final state equals the last output
     */
    public boolean run(PrintStream out) {
        Outputs o = compute();
        out.println("Géron ch. 14: basic RNN, 3 inputs, 5 tanh neurons, 2 steps, batch of 4"
                + " (Wx, Wy ~ N(0,1), seed " + SEED + ", b = 0)");
        print(out, "manual (Y0 = tanh(X0 Wx + b), Y1 = tanh(Y0 Wy + X1 Wx + b))", o.manual());
        print(out, "static unroll of [X0, X1]", o.staticUnroll());
        print(out, "dynamic unroll of X_batch [4, 2, 3]", o.dynamicUnroll());
        double d = o.maxDifference();
        double f = o.finalStateDifference();
        boolean same = d <= TOLERANCE;
        boolean finalIsLast = f == 0;
        out.printf("all three equal (max |difference| %.3g <= %.0e): %s%n", d, TOLERANCE, same);
        out.printf("final state equals last output Y1 (max |difference| %.3g): %s%n", f,
                finalIsLast);
        return same && finalIsLast;
    }

    private static void print(PrintStream out, String title, INDArray[] y) {
        out.println();
        out.println(title);
        for (int t = 0; t < y.length; t++) {
            out.println("Y" + t + " =");
            out.println(y[t].toStringFull());
        }
    }
}
