package io.statecast.model.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeasonalMeanTest {

    /** Values 0, 1, 2, …: the value at index i is i. */
    private static double[] ramp(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void averagesTheSamePhaseOverTheLastFourSeasons() {
        double[] v = ramp(20);
        // Step 1 after index 15 (index 16) with period 3: indices 13, 10, 7, 4.
        assertThat(SeasonalMean.forecast(v, 15, 3, 1)).isEqualTo((13 + 10 + 7 + 4) / 4.0);
        // Step 3 is index 18: 15, 12, 9, 6.
        assertThat(SeasonalMean.forecast(v, 15, 3, 3)).isEqualTo((15 + 12 + 9 + 6) / 4.0);
        // Step 4 is index 19, one season ahead: its own phase a season further back, 13 … 4.
        assertThat(SeasonalMean.forecast(v, 15, 3, 4)).isEqualTo((13 + 10 + 7 + 4) / 4.0);
    }

    @Test
    void needsFourSeasonsOfValues() {
        assertThat(SeasonalMean.values(12)).isEqualTo(48);
        double[] v = ramp(12);
        assertThat(SeasonalMean.forecast(v, 11, 3, 1)).isEqualTo((9 + 6 + 3 + 0) / 4.0);
        assertThat(SeasonalMean.forecast(v, 10, 3, 1)).isNaN();
        v[3] = Double.NaN;
        assertThat(SeasonalMean.forecast(v, 11, 3, 1)).isNaN();
    }
}
