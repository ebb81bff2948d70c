package io.statecast.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BalancedSamplingTest {

    /** Share of the drawn windows that come from the short series (recognised by its level). */
    private static double shortShare(boolean balance) {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("long", TrainingFixtures.sine(1000, 0, 1, 0.3));
        series.put("none", TrainingFixtures.sine(5, 0, 1, 0.3));
        series.put("short", TrainingFixtures.sine(60, 100, 1, 0.3));
        TrainerConfig config = TrainingFixtures.small().scaler(io.statecast.schemas.ScalerKind.NONE)
                .validationFraction(0).balanceSeries(balance).build();
        SeriesWindows windows = new SeriesWindows(series, config, null);
        WindowBatch batch = windows.randomTrainingBatch(new SplittableRandom(1), 2000);
        double fromShort = 0;
        for (int r = 0; r < batch.size(); r++) {
            fromShort += batch.inputs().getDouble(r, 0, 0) > 50 ? 1 : 0;
        }
        return fromShort / batch.size();
    }

    @Test
    void balancedSamplingDrawsEverySeriesWithWindowsEquallyOften() {
        // 46 of 1031 windows are the short series': about 4 % unbalanced, half balanced.
        assertThat(shortShare(false)).isBetween(0.02, 0.07);
        assertThat(shortShare(true)).isBetween(0.45, 0.55);
    }
}
