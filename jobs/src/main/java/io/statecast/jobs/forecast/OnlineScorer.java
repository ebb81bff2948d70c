package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import io.statecast.schemas.ForecastScore;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * Scores a series' previous forecast when its actuals arrive (the first steps of its next sequence):
 * absolute error of the model and of the naive forecast (the last value seen), and 80 % / 95 % interval
 * coverage, as metrics per model version ({@code model_version=<v>}: onlineMae, naiveMae, coverage80,
 * coverage95, scored). With a {@link ScoreOutput} it also emits every scored point as an encoded
 * {@link ForecastScore} (the optional {@code statecast.scores} topic).
 */
final class OnlineScorer {

    /** Receives each scored point, keyed by series id. */
    interface ScoreOutput {
        void emit(byte[] key, byte[] encodedScore);
    }

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
    private final ScoreOutput output;
    private final SingleObjectCodec<ForecastScore> codec;
    /** The scores looked up last: nearly every forecast scored is of the serving version. */
    private Scores lastScores;
    private long lastVersion;

    /** Scores into metrics only. */
    OnlineScorer(MetricGroup metrics) {
        this(metrics, null);
    }

    /** Scores into metrics and, when {@code output} is not null, to {@code output} as ForecastScore records. */
    OnlineScorer(MetricGroup metrics, ScoreOutput output) {
        this.metrics = metrics;
        this.output = output;
        this.codec = output == null ? null : SingleObjectCodec.of(ForecastScore.class);
    }

    /** Compares {@code previous} (made after a window ending in {@code lastValue}) with {@code next}'s values. */
    void score(LastForecast previous, double lastValue, Sequence next) {
        Scores s = scoresOf(previous.modelVersion);
        for (int k = 0; k < previous.steps && k < next.steps(); k++) {
            double actual = next.value(k);
            Boolean inside80 = previous.intervals
                    ? actual >= previous.lower80[k] && actual <= previous.upper80[k] : null;
            Boolean inside95 = previous.intervals
                    ? actual >= previous.lower95[k] && actual <= previous.upper95[k] : null;
            s.scored++;
            s.absError += Math.abs(actual - previous.mean[k]);
            s.naiveAbsError += Math.abs(actual - lastValue);
            if (previous.intervals) {
                s.withIntervals++;
                s.inside80 += inside80 ? 1 : 0;
                s.inside95 += inside95 ? 1 : 0;
            }
            if (output != null) {
                emit(previous, k, next.timestamps[k], actual, lastValue, inside80, inside95);
            }
        }
    }

    private void emit(LastForecast previous, int k, long timestamp, double actual, double naive, Boolean inside80,
            Boolean inside95) {
        double mean = previous.mean[k];
        ForecastScore score = ForecastScore.newBuilder()
                .setSeriesId(previous.seriesId)
                .setTimestamp(Instant.ofEpochMilli(timestamp))
                .setForecastFrom(Instant.ofEpochMilli(previous.lastInputTimestamp))
                .setHorizonStep(k + 1)
                .setModelVersion(previous.modelVersion)
                .setActual(actual).setForecast(mean).setNaive(naive)
                .setAbsError(Math.abs(actual - mean)).setNaiveAbsError(Math.abs(actual - naive))
                .setInside80(inside80).setInside95(inside95)
                .build();
        output.emit(previous.seriesId.getBytes(StandardCharsets.UTF_8), codec.encode(score));
    }

    Scores scoresOf(long version) {
        if (lastScores == null || lastVersion != version) {
            lastScores = register(version);
            lastVersion = version;
        }
        return lastScores;
    }

    private Scores register(long version) {
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
