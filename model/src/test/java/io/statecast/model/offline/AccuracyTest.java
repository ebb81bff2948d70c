package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    // Training part 1, 3, 2, 5 (t < 4), test part 4, 6 (t = 4, 5).
    private static final double[] Y = {1, 3, 2, 5, 4, 6};

    @Test
    void maseScaleIsTheMeanAbsoluteSeasonalDifferenceOfTheTrainingPart() {
        // m = 1: |3-1|, |2-3|, |5-2| -> 6 / 3; m = 2: |2-1|, |5-3| -> 3 / 2.
        assertThat(Accuracy.maseScale(Y, 4, 1)).isEqualTo(2.0);
        assertThat(Accuracy.maseScale(Y, 4, 2)).isEqualTo(1.5);
    }

    @Test
    void maseOfTheNaiveForecastByHand() {
        // Naive forecasts of t = 4, 5 are 5 and 4: errors 1 and 2, MAE 1.5, scale 2.
        assertThat(Accuracy.mase(Y, Baselines.naive(Y), 4, 6, 2.0)).isEqualTo(0.75);
        // Seasonal naive (m = 2): forecasts 2 and 5, errors 2 and 1, scale 1.5.
        assertThat(Accuracy.mase(Y, Baselines.seasonalNaive(Y, 2), 4, 6, 1.5))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void smapeByHand() {
        double[] actual = {0, 100, 50};
        double[] forecast = {0, 110, 40};
        // 200 / 2 * (10 / 210 + 10 / 90) over t = 1, 2; t = 0 outside the range.
        assertThat(Accuracy.smape(actual, forecast, 1, 3))
                .isCloseTo(100 * (10.0 / 210 + 10.0 / 90), within(1e-12));
        // Both zero counts as a perfect step.
        assertThat(Accuracy.smape(actual, forecast, 0, 1)).isZero();
    }

    @Test
    void geometricMean() {
        assertThat(Accuracy.geometricMean(new double[] {1, 4, 16})).isCloseTo(4, within(1e-12));
        assertThat(Accuracy.geometricMean(new double[] {1, 0})).isNaN();
        assertThat(Accuracy.geometricMean(new double[0])).isNaN();
    }

    @Test
    void rejectsMissingForecastsAndShortTrainingParts() {
        assertThatThrownBy(() -> Accuracy.mase(Y, Baselines.seasonalNaive(Y, 5), 4, 6, 1))
                .hasMessageContaining("no forecast for step 4");
        assertThatThrownBy(() -> Accuracy.maseScale(Y, 2, 2))
                .hasMessageContaining("longer than the season length 2");
        assertThatThrownBy(() -> Accuracy.mase(Y, Y, 6, 6, 1)).hasMessageContaining("non-empty");
    }
}
