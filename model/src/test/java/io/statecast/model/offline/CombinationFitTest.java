package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.schemas.ValueTransform;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CombinationFitTest {

    private static final int N = 400;

    /**
     * A series whose changes follow {@code a_t = phi · a_{t-1} + e_t}, and the one-step forecast
     * {@code y[t-1] + k · e_t + noise}: a network that knows k of the new change, none of the AR.
     */
    private static double[][] series(double phi, double k, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[N];
        double[] f = new double[N];
        y[0] = 100;
        y[1] = 100;
        f[0] = Double.NaN;
        f[1] = Double.NaN;
        for (int t = 2; t < N; t++) {
            double e = random.nextGaussian();
            y[t] = y[t - 1] + phi * (y[t - 1] - y[t - 2]) + e;
            f[t] = y[t - 1] + k * e + noise * random.nextGaussian();
        }
        return new double[][] {y, f};
    }

    @Test
    void aPerfectForecastKeepsTheNetwork() {
        double[][] yf = series(0, 1, 0, 1);
        ForecastCombination c = CombinationFit.fit(ValueTransform.DIFFERENCE, yf[0], yf[1], 2, 1);
        assertThat(c.network()).isCloseTo(1, within(1e-9));
        assertThat(c.lastChange()).isCloseTo(0, within(1e-9));
    }

    @Test
    void aForecastTwiceTheChangeGetsHalfWeightUnderLevel() {
        double[][] yf = series(0, 2, 0, 2);
        ForecastCombination c = CombinationFit.fit(ValueTransform.LEVEL, yf[0], yf[1], 2, 1);
        assertThat(c.network()).isCloseTo(0.5, within(1e-9));
        assertThat(c.lastChange()).isZero();
    }

    @Test
    void noiseOnARandomWalkIsServedTheNaiveForecast() {
        double[][] yf = series(0, 0, 1, 3);
        assertThat(CombinationFit.fit(ValueTransform.DIFFERENCE, yf[0], yf[1], 2, 1))
                .isEqualTo(new ForecastCombination(0, 0));
    }

    @Test
    void autocorrelatedChangesWeighTheLastChange() {
        double[][] yf = series(0.7, 0.5, 0.2, 4);
        ForecastCombination c = CombinationFit.fit(ValueTransform.DIFFERENCE, yf[0], yf[1], 2, 1);
        // Least squares recovers a = 2·c + 0.7·d (c = k·e): the network weight clips at 1.
        assertThat(c.lastChange()).isCloseTo(0.7, within(0.1));
        assertThat(c.network()).isEqualTo(1);
    }

    @Test
    void aSliverOfSignalWithinAStandardErrorOfNaiveIsServedNaive() {
        // The network knows 5 % of each change: least squares finds it, but it lowers the held-out
        // error by less than one standard error of that error, so the evidence is not clear.
        double[][] yf = series(0, 0.05, 0.3, 5);
        assertThat(CombinationFit.fit(ValueTransform.DIFFERENCE, yf[0], yf[1], 200, 1))
                .isEqualTo(new ForecastCombination(0, 0));
        // Half of each change is clear evidence: served with the least-squares weight.
        double[][] strong = series(0, 0.5, 0.6, 5);
        assertThat(CombinationFit.fit(ValueTransform.LEVEL, strong[0], strong[1], 200, 1)
                .network()).isCloseTo(leastSquares(strong[0], strong[1], 200), within(1e-9));
    }

    /** The weight of {@code a ~ c} on steps from {@code from}, computed here independently. */
    private static double leastSquares(double[] y, double[] f, int from) {
        double ac = 0;
        double cc = 0;
        for (int t = from; t < y.length; t++) {
            ac += (y[t] - y[t - 1]) * (f[t] - y[t - 1]);
            cc += (f[t] - y[t - 1]) * (f[t] - y[t - 1]);
        }
        return ac / cc;
    }

    @Test
    void ofTermsThatHelpAboutEquallyTheFewestAreServed() {
        // The network knows each change exactly, and so does the last change (phi = 1 on a
        // deterministic ramp): either alone is perfect, both together are not needed.
        double[] y = new double[60];
        double[] f = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = 2 * t + Math.sin(t);
            f[t] = t == 0 ? Double.NaN : y[t];
        }
        ForecastCombination c = CombinationFit.fit(ValueTransform.DIFFERENCE, y, f, 2, 1);
        assertThat(c.network()).isCloseTo(1, within(1e-9));
        assertThat(c.lastChange()).isZero();
    }

    /**
     * A stable seasonal profile of period 12 plus noise, and a forecast that is noise: the seasonal
     * mean level carries the series, alone.
     */
    @Test
    void aStableSeasonIsServedItsSeasonalMeanLevel() {
        SplittableRandom random = new SplittableRandom(8);
        double[] y = new double[240];
        double[] f = new double[240];
        for (int t = 0; t < y.length; t++) {
            y[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
            f[t] = t == 0 ? Double.NaN : y[t - 1] + 3 * random.nextGaussian();
        }
        ForecastCombination c = CombinationFit.fit(ValueTransform.DIFFERENCE, y, f, 150, 12);
        assertThat(c).extracting(ForecastCombination::period, ForecastCombination::network,
                ForecastCombination::lastChange, ForecastCombination::seasonalChange)
                .containsExactly(12, 0.0, 0.0, 0.0);
        assertThat(c.seasonalMean()).isGreaterThan(0.8);
        // Held out from step 48 there are not four seasons and a value before it: no seasonal term.
        assertThat(CombinationFit.fit(ValueTransform.DIFFERENCE, y, f, 48, 12).seasonal())
                .isFalse();
    }

    /** A multiplicative season on a growing trend: the seasonal mean log change is the next one. */
    @Test
    void aSeasonOnATrendIsServedItsSeasonalMeanChange() {
        SplittableRandom random = new SplittableRandom(9);
        double[] y = new double[144];
        double[] f = new double[144];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 * Math.exp(0.01 * t + 0.2 * Math.sin(2 * Math.PI * t / 12)
                    + 0.002 * random.nextGaussian());
            f[t] = t == 0 ? Double.NaN : y[t - 1] * Math.exp(0.05 * random.nextGaussian());
        }
        ForecastCombination c = CombinationFit.fit(ValueTransform.LOG_DIFFERENCE, y, f, 100, 12);
        assertThat(c.seasonalChange()).isCloseTo(1, within(0.05));
        assertThat(c.network() + c.lastChange() + c.seasonalMean()).isZero();
    }

    @Test
    void logDifferencesWeighLogChanges() {
        double[] y = new double[40];
        double[] f = new double[40];
        y[0] = 100;
        f[0] = Double.NaN;
        for (int t = 1; t < y.length; t++) {
            y[t] = y[t - 1] * (1 + 0.1 * Math.sin(t));
            // Right about the log change, off by a lot about the difference.
            f[t] = y[t - 1] * Math.exp(Math.log(y[t] / y[t - 1]));
        }
        ForecastCombination c = CombinationFit.fit(ValueTransform.LOG_DIFFERENCE, y, f, 2, 1);
        assertThat(c.network()).isCloseTo(1, within(1e-9));
        assertThat(c.lastChange()).isCloseTo(0, within(1e-9));
    }

    @Test
    void tooFewHeldOutStepsKeepTheNetwork() {
        double[][] yf = series(0, 0, 1, 6);
        assertThat(CombinationFit.fit(ValueTransform.DIFFERENCE, yf[0], yf[1], N - 2, 1))
                .isEqualTo(ForecastCombination.NETWORK);
    }
}
