package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * Scores a series' previous forecast when its actuals arrive (the first steps of its next sequence):
 * absolute error of the model and of the naive forecast (the last value seen), and 80 % / 95 % interval
 * coverage, as metrics per model version ({@code model_version=<v>}: onlineMae, naiveMae, coverage80,
 * coverage95, scored).
 */
final class OnlineScorer {

    /** Running sums of one model version. */
    static final class Scores {
        long scored;
        long withIntervals;
        double absError;
        double naiveAbsError;
        long inside80;
        long inside95;

        double mae() {
            return scored == 0 ? Double.NaN : absError / scored;
        }

        double naiveMae() {
            return scored == 0 ? Double.NaN : naiveAbsError / scored;
        }
    }

    private final MetricGroup metrics;
    private final Map<Long, Scores> byVersion = new HashMap<>();

    OnlineScorer(MetricGroup metrics) {
        this.metrics = metrics;
    }

    /** Compares {@code previous} (made after a window ending in {@code lastValue}) with {@code next}'s values. */
    void score(Forecast previous, double lastValue, Sequence next) {
        Scores s = scoresOf(previous.getModelVersion());
        List<ForecastPoint> points = previous.getPoints();
        for (int k = 0; k < points.size() && k < next.steps(); k++) {
            ForecastPoint p = points.get(k);
            double actual = next.value(k);
            s.scored++;
            s.absError += Math.abs(actual - p.getMean());
            s.naiveAbsError += Math.abs(actual - lastValue);
            if (p.getLower80() != null) {
                s.withIntervals++;
                s.inside80 += actual >= p.getLower80() && actual <= p.getUpper80() ? 1 : 0;
                s.inside95 += actual >= p.getLower95() && actual <= p.getUpper95() ? 1 : 0;
            }
        }
    }

    Scores scoresOf(long version) {
        return byVersion.computeIfAbsent(version, v -> {
            Scores s = new Scores();
            MetricGroup g = metrics.addGroup("model_version", String.valueOf(v));
            g.gauge("onlineMae", s::mae);
            g.gauge("naiveMae", s::naiveMae);
            g.gauge("scored", () -> s.scored);
            g.gauge("coverage80", () -> s.withIntervals == 0 ? Double.NaN : (double) s.inside80 / s.withIntervals);
            g.gauge("coverage95", () -> s.withIntervals == 0 ? Double.NaN : (double) s.inside95 / s.withIntervals);
            return s;
        });
    }
}
