package io.statecast.model.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.statecast.schemas.ScalerKind;
import io.statecast.schemas.ScalingPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class SeriesScalersTest {

    private final SeriesScalers fitted =
            SeriesScalers.fit(
                    Map.of(
                            "long", new double[] {10, 12, 14, 16},
                            "flat", new double[] {5, 5, 5, 5},
                            "short", new double[] {100}),
                    3,
                    1e-3);

    @Test
    void warmSeriesUseTheirOwnStatisticsAndOthersTheGlobalOnes() {
        assertThat(fitted.scalerFor("long").mean()).isCloseTo(13, within(1e-12));
        assertThat(fitted.scalerFor("long").std()).isCloseTo(Math.sqrt(5), within(1e-12));
        assertThat(fitted.scalerFor("flat").std()).as("floored").isEqualTo(1e-3);
        RunningStats global = fitted.global();
        assertThat(global.count()).isEqualTo(9);
        assertThat(fitted.scalerFor("short")).isEqualTo(global.toScaler(1e-3));
        assertThat(fitted.scalerFor("never-seen")).isEqualTo(global.toScaler(1e-3));
        assertThat(fitted.hasOwnStatistics("long")).isTrue();
        assertThat(fitted.hasOwnStatistics("short")).isFalse();
    }

    @Test
    void transformAndInverseRoundTrip() {
        StandardScaler scaler = fitted.scalerFor("long");
        assertThat(scaler.inverse(scaler.transform(11.5))).isCloseTo(11.5, within(1e-12));
        assertThat(scaler.inverseSpread(2)).isCloseTo(2 * Math.sqrt(5), within(1e-12));
        var values = Nd4j.create(new double[] {10, 16});
        scaler.transformInPlace(values);
        assertThat(values.getDouble(0)).isCloseTo(-3 / Math.sqrt(5), within(1e-12));
        scaler.inverseInPlace(values);
        assertThat(values.toDoubleVector()).containsExactly(new double[] {10, 16}, within(1e-12));
    }

    @Test
    void roundTripsThroughTheScalingPolicy() {
        ScalingPolicy policy = fitted.toPolicy();
        assertThat(policy.getPerSeries()).containsOnlyKeys("long", "flat", "short");
        assertThat(policy.getWarmupSteps()).isEqualTo(3);
        SeriesScalers back = SeriesScalers.fromPolicy(policy);
        assertThat(back.toPolicy()).isEqualTo(policy);
        assertThat(back.scalerFor("long")).isEqualTo(fitted.scalerFor("long"));
    }

    @Test
    void combinationsTravelWithTheScalerAndThroughThePolicy() {
        ForecastCombination mix = new ForecastCombination(0.25, 0.5);
        SeriesScalers scalers = SeriesScalers.fromPolicy(fitted.toPolicy())
                .combination("long", mix).combination("unfitted", new ForecastCombination(0, 0));
        assertThat(scalers.scalerFor("long"))
                .isEqualTo(fitted.scalerFor("long").withCombination(mix));
        assertThat(scalers.scalerFor("unfitted").combination().network()).isZero();
        assertThat(scalers.scalerFor("flat").combination()).isEqualTo(ForecastCombination.NETWORK);
        ScalingPolicy policy = scalers.toPolicy();
        assertThat(policy.getForecastWeights()).containsEntry("long", 0.25);
        assertThat(policy.getLastChangeWeights()).containsEntry("long", 0.5);
        SeriesScalers back = SeriesScalers.fromPolicy(policy);
        assertThat(back.combinationFor("long")).isEqualTo(mix);
        assertThat(back.toPolicy()).isEqualTo(policy);
        assertThat(back.historyValues()).isEqualTo(1);
        assertThatThrownBy(() -> new ForecastCombination(1.5, 0))
                .hasMessageContaining("network weight must be in [0, 1]");
        assertThatThrownBy(() -> new ForecastCombination(1, Double.NaN))
                .hasMessageContaining("last-change weight must be in [0, 1]");
    }

    @Test
    void seasonalTermsTravelWithTheirPeriodsAndSetTheHistoryServingNeeds() {
        ForecastCombination monthly = new ForecastCombination(0.5, 0, 0.5, 0.25, 12);
        ForecastCombination quarterlyUnused = new ForecastCombination(1, 0, 0, 0, 4);
        SeriesScalers scalers = SeriesScalers.fromPolicy(fitted.toPolicy())
                .combination("long", monthly).combination("flat", quarterlyUnused);
        ScalingPolicy policy = scalers.toPolicy();
        assertThat(policy.getSeasonalMeanWeights()).containsEntry("long", 0.5)
                .containsEntry("flat", 0.0);
        assertThat(policy.getSeasonalChangeWeights()).containsEntry("long", 0.25);
        assertThat(policy.getSeasonalPeriods()).containsEntry("long", 12).containsEntry("flat", 4);
        SeriesScalers back = SeriesScalers.fromPolicy(policy);
        assertThat(back.combinationFor("long")).isEqualTo(monthly);
        assertThat(back.combinationFor("flat")).isEqualTo(quarterlyUnused);
        // Four seasons and a value of the one series that uses its season.
        assertThat(back.historyValues()).isEqualTo(49);
        assertThatThrownBy(() -> new ForecastCombination(0.5, 0, 0, 0.5, 1))
                .hasMessageContaining("need a season longer than 1 step");
        assertThatThrownBy(() -> new ForecastCombination(1, 0, 0, 0, 0))
                .hasMessageContaining("season length must be >= 1");
        assertThatThrownBy(() -> new ForecastCombination(1, 0, -0.1, 0, 12))
                .hasMessageContaining("seasonal-mean weight must be in [0, 1]");
        assertThatThrownBy(() -> new ForecastCombination(1, 0, 0, 2, 12))
                .hasMessageContaining("seasonal-change weight must be in [0, 1]");
    }

    @Test
    void noneAndUnfittedScalersAreTheIdentity() {
        SeriesScalers none = new SeriesScalers(ScalerKind.NONE, 20, 1e-6).add("a", 5).add("a", 9);
        assertThat(none.scalerFor("a")).isEqualTo(StandardScaler.IDENTITY);
        assertThat(new SeriesScalers(ScalerKind.STANDARD, 20, 1e-6).scalerFor("a"))
                .isEqualTo(StandardScaler.IDENTITY);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new SeriesScalers(ScalerKind.STANDARD, 0, 1e-6))
                .hasMessageContaining("warmup steps must be >= 1");
        assertThatThrownBy(() -> new SeriesScalers(ScalerKind.STANDARD, 5, 0))
                .hasMessageContaining("min std must be positive");
        assertThatThrownBy(() -> new StandardScaler(0, 0)).hasMessageContaining("raise min_std");
    }
}
