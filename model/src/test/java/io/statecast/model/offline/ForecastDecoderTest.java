package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.model.scale.StandardScaler;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ForecastDecoder;
import io.statecast.schemas.ValueTransform;
import org.junit.jupiter.api.Test;

class ForecastDecoderTest {

    /** A forecaster whose head gave scaled means 1, 2 and standard deviations 0.5, 1. */
    private static final BatchForecaster HEAD = new FixedHead(Double.NaN);

    /** The head above, reporting a given last scaled input (NaN: unknown). */
    private record FixedHead(double last) implements BatchForecaster {
        public long version() { return 1; }
        public int inputSize() { return 1; }
        public int horizon() { return 2; }
        public boolean hasIntervals() { return true; }
        public int stateSize() { return 0; }
        public int capacity() { return 1; }
        public void loadState(int row, float[] state) { }
        public void storeState(int row, float[] out) { }
        public void setInput(int row, int step, double[] values, int offset) { }
        public void run(int rows, int steps) { }
        public double mean(int row, int step) { return step + 1; }
        public double stdDev(int row, int step) { return 0.5 * (step + 1); }
        public double lastInput(int row) { return last; }
        public void close() { }
    }

    // Unscaled: means 10·1 + 1 = 11 and 21, standard deviations 5 and 10.
    private static final StandardScaler SCALE = new StandardScaler(1, 10);

    @Test
    void levelForecastsAreTheUnscaledMeans() {
        ForecastDecoder d = new ForecastDecoder(ValueTransform.LEVEL, 2).decode(HEAD, 0, SCALE, 100);
        assertThat(d.mean(0)).isEqualTo(11);
        assertThat(d.mean(1)).isEqualTo(21);
        assertThat(d.bound(1, -2)).isEqualTo(1);
    }

    @Test
    void differencesAddUpFromTheLastValueAndSoDoTheirVariances() {
        ForecastDecoder d = new ForecastDecoder(ValueTransform.DIFFERENCE, 2)
                .decode(HEAD, 0, SCALE, 100);
        assertThat(d.mean(0)).isEqualTo(111);
        assertThat(d.mean(1)).isEqualTo(132);
        assertThat(d.bound(0, 1)).isEqualTo(116);
        assertThat(d.bound(1, 1)).isCloseTo(132 + Math.sqrt(125), within(1e-12));
    }

    @Test
    void logDifferencesMultiplyTheLastValue() {
        ForecastDecoder d = new ForecastDecoder(ValueTransform.LOG_DIFFERENCE, 2)
                .decode(HEAD, 0, new StandardScaler(0, 0.01), 100);
        assertThat(d.mean(1)).isCloseTo(100 * Math.exp(0.03), within(1e-9));
        assertThat(d.bound(0, -1.96)).isCloseTo(100 * Math.exp(0.01 - 1.96 * 0.005),
                within(1e-9));
    }

    @Test
    void weightsZeroServeTheLastValueUnderEveryTransform() {
        StandardScaler naive = new StandardScaler(0.5, 0.01, new ForecastCombination(0, 0));
        for (ValueTransform t : ValueTransform.values()) {
            ForecastDecoder d = new ForecastDecoder(t, 2).decode(HEAD, 0, naive, 100);
            assertThat(d.mean(0)).as(t.name()).isEqualTo(100);
            assertThat(d.mean(1)).as(t.name()).isEqualTo(100);
        }
    }

    @Test
    void aCombinationWeighsTheNetworkAndADampedLastChangeAndKeepsTheSpread() {
        StandardScaler half = SCALE.withCombination(new ForecastCombination(0.5, 0));
        ForecastDecoder level = new ForecastDecoder(ValueTransform.LEVEL, 2)
                .decode(HEAD, 0, half, 100);
        assertThat(level.mean(0)).isEqualTo(100 + 0.5 * (11 - 100));
        assertThat(level.bound(0, 1) - level.mean(0)).isEqualTo(5);
        // The last input 0.3 is a change of 10·0.3 + 1 = 4; steps add 0.5·4 and 0.25·4.
        StandardScaler mixed = SCALE.withCombination(new ForecastCombination(0.5, 0.5));
        ForecastDecoder diff = new ForecastDecoder(ValueTransform.DIFFERENCE, 2)
                .decode(lastInput(0.3), 0, mixed, 100);
        assertThat(diff.mean(0)).isCloseTo(100 + 0.5 * 11 + 0.5 * 4, within(1e-12));
        assertThat(diff.mean(1)).isCloseTo(100 + 0.5 * 32 + 0.75 * 4, within(1e-12));
        assertThat(diff.bound(0, 1) - diff.mean(0)).isCloseTo(5, within(1e-12));
        ForecastDecoder log = new ForecastDecoder(ValueTransform.LOG_DIFFERENCE, 2)
                .decode(HEAD, 0, new StandardScaler(0, 0.01, new ForecastCombination(0.5, 1)),
                        100);
        // HEAD knows no last input: the last-change term is left out.
        assertThat(log.mean(1)).isCloseTo(100 * Math.exp(0.015), within(1e-9));
    }

    @Test
    void theSeasonalTermsReadTheSamePhaseOfTheLastFourSeasons() {
        // Period 2, values up to index 8 (the last, 100): step 1's phase holds 96, 94, 92, 90
        // (indices 7, 5, 3, 1; mean 93), step 2's 100, 105, 103, 101 (8, 6, 4, 2; mean 102.25).
        // The changes into step 1's phase: −9, −9, −9, 90 (mean 15.75); into step 2's: 4, 11,
        // 11, 11 (mean 9.25).
        double[] values = {0, 90, 101, 92, 103, 94, 105, 96, 100};
        StandardScaler seasonal = SCALE.withCombination(
                new ForecastCombination(0.5, 0, 0.25, 0.5, 2));
        ForecastDecoder diff = new ForecastDecoder(ValueTransform.DIFFERENCE, 2)
                .decode(HEAD, 0, seasonal, values, 8);
        assertThat(diff.mean(0)).isCloseTo(100 + 0.5 * 11 + 0.25 * (93 - 100) + 0.5 * 15.75,
                within(1e-12));
        assertThat(diff.mean(1)).isCloseTo(100 + 0.5 * 32 + 0.25 * (102.25 - 100)
                + 0.5 * (15.75 + 9.25), within(1e-12));
        assertThat(diff.bound(0, 1) - diff.mean(0)).isCloseTo(5, within(1e-12));
        ForecastDecoder log = new ForecastDecoder(ValueTransform.LOG_DIFFERENCE, 2)
                .decode(HEAD, 0, new StandardScaler(0, 0.01,
                        new ForecastCombination(0, 0, 1, 0, 2)), values, 8);
        assertThat(log.mean(0)).isCloseTo(93, within(1e-9));
        // Without four seasons and a value before them, or with the last value only, the terms
        // are left out.
        assertThat(new ForecastDecoder(ValueTransform.DIFFERENCE, 2)
                .decode(HEAD, 0, seasonal, values, 6).mean(0)).isEqualTo(105 + 0.5 * 11);
        assertThat(new ForecastDecoder(ValueTransform.DIFFERENCE, 2)
                .decode(HEAD, 0, seasonal, 100).mean(0)).isEqualTo(100 + 0.5 * 11);
    }

    /** HEAD, reporting {@code value} as the last scaled input. */
    private static BatchForecaster lastInput(double value) {
        return new FixedHead(value);
    }
}
