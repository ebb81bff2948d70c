package io.statecast.model.head;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences in DOUBLE, compared element by element with an analytic gradient. */
public final class NumericGradient {

    private static final double EPSILON = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-5;

    /** Below this both gradients count as zero (finite differences cannot resolve smaller). */
    private static final double ABSOLUTE_FLOOR = 1e-8;

    private NumericGradient() {}

    /**
     * Perturbs each element of {@code input} (in place, restored afterwards), re-evaluates
     * {@code loss} and asserts the slope matches {@code analytic} to a relative error of 1e-5.
     */
    public static void assertMatches(
            String name, INDArray input, INDArray analytic, DoubleSupplier loss) {
        assertMatches(name, input, analytic, loss, ABSOLUTE_FLOOR);
    }

    /**
     * As {@link #assertMatches(String, INDArray, INDArray, DoubleSupplier)}, with gradients below
     * {@code absoluteFloor} compared absolutely: central differences of a loss of order 1 carry
     * about 1e-10 of rounding error, so deep-network gradients of 1e-6 need a floor near 1e-5.
     */
    public static void assertMatches(
            String name,
            INDArray input,
            INDArray analytic,
            DoubleSupplier loss,
            double absoluteFloor) {
        assertThat(input.dataType()).as("gradient checks run in DOUBLE").isEqualTo(DataType.DOUBLE);
        assertThat(analytic.shape()).as(name + " gradient shape").isEqualTo(input.shape());
        for (long i = 0; i < input.length(); i++) {
            double original = input.getDouble(i);
            input.putScalar(i, original + EPSILON);
            double plus = loss.getAsDouble();
            input.putScalar(i, original - EPSILON);
            double minus = loss.getAsDouble();
            input.putScalar(i, original);
            double numeric = (plus - minus) / (2 * EPSILON);
            double exact = analytic.getDouble(i);
            double scale = Math.max(Math.max(Math.abs(numeric), Math.abs(exact)), absoluteFloor);
            assertThat(Math.abs(numeric - exact) / scale)
                    .as(
                            "%s element %d of %s: analytic %s, numeric %s",
                            name, i, Arrays.toString(input.shape()), exact, numeric)
                    .isLessThan(MAX_RELATIVE_ERROR);
        }
    }
}
