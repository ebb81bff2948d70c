package io.statecast.model.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.statecast.schemas.ScalerStats;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

    private static final double[] VALUES = {2, 4, 4, 4, 5, 5, 7, 9};

    @Test
    void matchesTheTwoPassMeanAndPopulationVariance() {
        RunningStats stats = new RunningStats();
        for (double value : VALUES) {
            stats.add(value);
        }
        assertThat(stats.count()).isEqualTo(8);
        assertThat(stats.mean()).isCloseTo(5, within(1e-12));
        assertThat(stats.variance()).isCloseTo(4, within(1e-12));
        assertThat(stats.toScaler(1e-6)).isEqualTo(new StandardScaler(5, 2));
    }

    @Test
    void mergingPartitionsEqualsAddingEverything() {
        SplittableRandom random = new SplittableRandom(3);
        RunningStats all = new RunningStats();
        RunningStats left = new RunningStats();
        RunningStats right = new RunningStats();
        for (int i = 0; i < 1000; i++) {
            double value = 1e6 + random.nextGaussian() * (i < 300 ? 1 : 5);
            all.add(value);
            (i < 300 ? left : right).add(value);
        }
        left.merge(right).merge(new RunningStats());
        assertThat(left.count()).isEqualTo(all.count());
        assertThat(left.mean()).isCloseTo(all.mean(), within(1e-9));
        assertThat(left.variance()).isCloseTo(all.variance(), within(1e-9 * all.variance()));
        assertThat(new RunningStats().merge(all).variance()).isEqualTo(all.variance());
    }

    @Test
    void roundTripsThroughAvroAndRejectsBadStats() {
        RunningStats stats = new RunningStats().add(1).add(3);
        RunningStats back = RunningStats.fromAvro(stats.toAvro());
        assertThat(back.count()).isEqualTo(2);
        assertThat(back.mean()).isEqualTo(2);
        assertThat(back.m2()).isEqualTo(2);
        assertThatThrownBy(() -> RunningStats.fromAvro(new ScalerStats(-1L, 0.0, 0.0)))
                .hasMessageContaining("count -1");
        assertThatThrownBy(() -> RunningStats.fromAvro(new ScalerStats(3L, 0.0, -1.0)))
                .hasMessageContaining("m2 -1.0");
        assertThatThrownBy(() -> new RunningStats().add(Double.NaN))
                .hasMessageContaining("non-finite");
    }
}
