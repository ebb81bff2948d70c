package io.statecast.model.scale;

import io.statecast.schemas.ScalerKind;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.ScalingPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-series scaling fitted on training data only, saved in the snapshot as a {@link ScalingPolicy}:
 * one {@link RunningStats} per series plus global statistics over every training value.
 *
 * <p>{@link #scalerFor} uses a series' own statistics once they hold at least {@code warmupSteps}
 * observations and the global ones otherwise (a short or unseen series' own mean and variance are
 * too noisy to standardise with). With {@link ScalerKind#NONE} every scaler is the identity.
 */
public final class SeriesScalers {

    private final ScalerKind kind;
    private final int warmupSteps;
    private final double minStd;
    private final RunningStats global = new RunningStats();
    // Sorted so that the snapshot bytes do not depend on the order series arrived in.
    private final Map<String, RunningStats> perSeries = new TreeMap<>();
    private final Map<String, ForecastCombination> combinations = new TreeMap<>();

    public SeriesScalers(ScalerKind kind, int warmupSteps, double minStd) {
        this.kind = Objects.requireNonNull(kind, "scaler kind");
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("warmup steps must be >= 1, got " + warmupSteps);
        }
        if (!(minStd > 0) || Double.isInfinite(minStd)) {
            throw new IllegalArgumentException(
                    "min std must be positive and finite (e.g. 1e-6), got " + minStd);
        }
        this.warmupSteps = warmupSteps;
        this.minStd = minStd;
    }

    /** Fits STANDARD scalers on each series' training values. */
    public static SeriesScalers fit(
            Map<String, double[]> trainingValues, int warmupSteps, double minStd) {
        SeriesScalers scalers = new SeriesScalers(ScalerKind.STANDARD, warmupSteps, minStd);
        trainingValues.forEach(
                (series, values) -> {
                    for (double value : values) {
                        scalers.add(series, value);
                    }
                });
        return scalers;
    }

    /** Restores the scalers saved in a snapshot. */
    public static SeriesScalers fromPolicy(ScalingPolicy policy) {
        SeriesScalers scalers =
                new SeriesScalers(policy.getKind(), policy.getWarmupSteps(), policy.getMinStd());
        scalers.global.merge(RunningStats.fromAvro(policy.getGlobal()));
        for (Map.Entry<String, ScalerStats> entry : policy.getPerSeries().entrySet()) {
            scalers.perSeries.put(entry.getKey(), RunningStats.fromAvro(entry.getValue()));
        }
        policy.getForecastWeights().forEach((series, weight) -> scalers.combination(series,
                new ForecastCombination(weight,
                        policy.getLastChangeWeights().getOrDefault(series, 0.0),
                        policy.getSeasonalMeanWeights().getOrDefault(series, 0.0),
                        policy.getSeasonalChangeWeights().getOrDefault(series, 0.0),
                        policy.getSeasonalPeriods().getOrDefault(series, 1))));
        return scalers;
    }

    public ScalingPolicy toPolicy() {
        Map<String, ScalerStats> stats = new TreeMap<>();
        perSeries.forEach((series, running) -> stats.put(series, running.toAvro()));
        return ScalingPolicy.newBuilder()
                .setKind(kind)
                .setWarmupSteps(warmupSteps)
                .setMinStd(minStd)
                .setGlobal(global.toAvro())
                .setPerSeries(stats)
                .setForecastWeights(weights(ForecastCombination::network))
                .setLastChangeWeights(weights(ForecastCombination::lastChange))
                .setSeasonalMeanWeights(weights(ForecastCombination::seasonalMean))
                .setSeasonalChangeWeights(weights(ForecastCombination::seasonalChange))
                .setSeasonalPeriods(periods())
                .build();
    }

    /** Absorbs one training value of {@code seriesId} into its statistics and the global ones. */
    public SeriesScalers add(String seriesId, double value) {
        Objects.requireNonNull(seriesId, "series id");
        perSeries.computeIfAbsent(seriesId, id -> new RunningStats()).add(value);
        global.add(value);
        return this;
    }

    /**
     * Sets how the served forecast of {@code seriesId} combines the network's with simple ones;
     * series without one are served the network's forecast.
     */
    public SeriesScalers combination(String seriesId, ForecastCombination combination) {
        combinations.put(Objects.requireNonNull(seriesId, "series id"),
                Objects.requireNonNull(combination, "combination"));
        return this;
    }

    /**
     * The scaler for {@code seriesId}: its own statistics when warm, else the global ones; the
     * identity for NONE or when nothing was fitted. It carries the series' forecast combination.
     */
    public StandardScaler scalerFor(String seriesId) {
        return statisticsFor(seriesId).withCombination(combinationFor(seriesId));
    }

    /** The forecast combination of {@code seriesId}: the fitted one, else the network's alone. */
    public ForecastCombination combinationFor(String seriesId) {
        return combinations.getOrDefault(seriesId, ForecastCombination.NETWORK);
    }

    /** Raw values (ending with the last) the combinations read to forecast; 1 = the last value. */
    public int historyValues() {
        return combinations.values().stream().mapToInt(ForecastCombination::historyValues).max()
                .orElse(1);
    }

    private Map<String, Double> weights(ToDoubleFunction<ForecastCombination> weight) {
        Map<String, Double> out = new TreeMap<>();
        combinations.forEach((id, c) -> out.put(id, weight.applyAsDouble(c)));
        return out;
    }

    /** Season lengths of the series that have one. */
    private Map<String, Integer> periods() {
        Map<String, Integer> out = new TreeMap<>();
        combinations.forEach((id, c) -> {
            if (c.period() > 1) {
                out.put(id, c.period());
            }
        });
        return out;
    }

    private StandardScaler statisticsFor(String seriesId) {
        if (kind == ScalerKind.NONE) {
            return StandardScaler.IDENTITY;
        }
        RunningStats own = perSeries.get(seriesId);
        if (own != null && own.count() >= warmupSteps) {
            return own.toScaler(minStd);
        }
        return global.count() == 0 ? StandardScaler.IDENTITY : global.toScaler(minStd);
    }

    /** True when {@code seriesId} has its own statistics (at least {@code warmupSteps} values). */
    public boolean hasOwnStatistics(String seriesId) {
        RunningStats own = perSeries.get(seriesId);
        return own != null && own.count() >= warmupSteps;
    }

    public int warmupSteps() {
        return warmupSteps;
    }

    public ScalerKind kind() {
        return kind;
    }

    /** A copy of the global statistics. */
    public RunningStats global() {
        return global.copy();
    }

    public int seriesCount() {
        return perSeries.size();
    }
}
