package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    private static final int N = 30;

    /** Rows {@code (x0, x1, 2·x0)} and {@code a = 0.5·x0 − 0.25·x1 + noise}. */
    private static double[][] rows(double[] a) {
        SplittableRandom random = new SplittableRandom(11);
        double[][] x = new double[N][];
        for (int i = 0; i < N; i++) {
            double x0 = random.nextGaussian();
            double x1 = random.nextGaussian();
            x[i] = new double[] {x0, x1, 2 * x0};
            a[i] = 0.5 * x0 - 0.25 * x1 + 0.1 * random.nextGaussian();
        }
        return x;
    }

    @Test
    void leaveOneOutResidualsEqualRefitsWithoutTheRow() {
        double[] a = new double[N];
        double[][] x = rows(a);
        LeastSquares all = LeastSquares.fit(x, a, new int[] {0, 1});
        assertThat(all.weights()[0]).isCloseTo(0.5, within(0.05));
        assertThat(all.weights()[1]).isCloseTo(-0.25, within(0.05));
        double sum = 0;
        double[] squares = new double[N];
        for (int i = 0; i < N; i++) {
            double[][] xs = new double[N - 1][];
            double[] as = new double[N - 1];
            for (int j = 0, k = 0; j < N; j++) {
                if (j != i) {
                    xs[k] = x[j];
                    as[k++] = a[j];
                }
            }
            double[] w = LeastSquares.fit(xs, as, new int[] {0, 1}).weights();
            double e = a[i] - w[0] * x[i][0] - w[1] * x[i][1];
            squares[i] = e * e;
            sum += e * e;
        }
        assertThat(all.press()).isCloseTo(sum / N, within(1e-12));
        double mean = sum / N;
        double ss = 0;
        for (double s : squares) {
            ss += (s - mean) * (s - mean);
        }
        assertThat(all.pressStandardError()).isCloseTo(Math.sqrt(ss / (N - 1) / N), within(1e-12));
    }

    @Test
    void collinearColumnsGiveNoFit() {
        double[] a = new double[N];
        double[][] x = rows(a);
        assertThat(LeastSquares.fit(x, a, new int[] {0, 2})).isNull();
        assertThat(LeastSquares.fit(x, a, new int[] {2})).isNotNull();
    }

    @Test
    void aRowThatAloneDeterminesAWeightGivesNoFit() {
        double[][] x = {{1, 0}, {0, 1}, {0, 2}};
        assertThat(LeastSquares.fit(x, new double[] {1, 2, 3}, new int[] {0, 1})).isNull();
    }
}
