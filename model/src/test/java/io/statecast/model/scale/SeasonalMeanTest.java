package io.statecast.model.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.schemas.ValueTransform;
import org.junit.jupiter.api.Test;

class SeasonalMeanTest {

    /** Values i² at index i. */
    private static double[] squares(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * i;
        }
        return v;
    }

    @Test
    void averagesTheSamePhaseOverTheLastFourSeasons() {
        double[] v = squares(20);
        // Step 1 after index 15 (index 16) with period 3: indices 13, 10, 7, 4.
        assertThat(SeasonalMean.level(v, 15, 3, 1)).isEqualTo((169 + 100 + 49 + 16) / 4.0);
        // Step 3 is index 18: 15, 12, 9, 6.
        assertThat(SeasonalMean.level(v, 15, 3, 3)).isEqualTo((225 + 144 + 81 + 36) / 4.0);
        // Step 4 is index 19, a season ahead: its phase a season further back, 13 … 4.
        assertThat(SeasonalMean.level(v, 15, 3, 4)).isEqualTo((169 + 100 + 49 + 16) / 4.0);
    }

    @Test
    void averagesTheChangesIntoTheSamePhase() {
        double[] v = squares(20);
        // Into indices 13, 10, 7, 4: i² − (i − 1)² = 2i − 1.
        assertThat(SeasonalMean.change(ValueTransform.DIFFERENCE, v, 15, 3, 1))
                .isEqualTo((25 + 19 + 13 + 7) / 4.0);
        double logs = (Math.log(169 / 144.0) + Math.log(100 / 81.0) + Math.log(49 / 36.0)
                + Math.log(16 / 9.0)) / 4;
        assertThat(SeasonalMean.change(ValueTransform.LOG_DIFFERENCE, v, 15, 3, 1))
                .isCloseTo(logs, within(1e-12));
        // Index 0 holds 0: no log change into index 1.
        assertThat(SeasonalMean.change(ValueTransform.LOG_DIFFERENCE, v, 12, 3, 1)).isNaN();
    }

    @Test
    void needsFourSeasonsAndTheValueBefore() {
        assertThat(SeasonalMean.values(12)).isEqualTo(49);
        double[] v = squares(13);
        // Last index 12, period 3: levels at 10, 7, 4, 1; changes into them from 9, 6, 3, 0.
        assertThat(SeasonalMean.level(v, 12, 3, 1)).isEqualTo((100 + 49 + 16 + 1) / 4.0);
        assertThat(SeasonalMean.change(ValueTransform.DIFFERENCE, v, 12, 3, 1)).isEqualTo(10);
        assertThat(SeasonalMean.change(ValueTransform.DIFFERENCE, v, 11, 3, 1)).isNaN();
        assertThat(SeasonalMean.level(v, 10, 3, 1)).isNaN();
        v[4] = Double.NaN;
        assertThat(SeasonalMean.level(v, 12, 3, 1)).isNaN();
    }
}
