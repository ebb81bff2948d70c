package io.statecast.model.serve;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.model.scale.SeasonalMean;
import io.statecast.model.scale.StandardScaler;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.schemas.ValueTransform;

/**
 * Turns one row of a {@link BatchForecaster}'s outputs into forecasts in the series' own units:
 * unscales each horizon step, then inverts the model's {@link ValueTransform} from the last raw
 * value. Under differencing, step k's forecast is the last value plus the changes of steps 1..k,
 * and its variance the sum of theirs (the steps' errors taken as independent). The scaler's
 * {@link ForecastCombination} weighs each change of the network against no change (the naive
 * forecast), adds a damped share of the last change and shares of the two seasonal forecasts
 * ({@link SeasonalMean}, from the series' recent raw values); the spread is the network's either way.
 * Reuses its arrays: one instance per forecaster, not thread-safe.
 */
public final class ForecastDecoder {

    private final ValueTransform transform;
    private final double[] center;
    private final double[] spread;
    private final double[] lastOnly = new double[1];
    private double last;

    public ForecastDecoder(ValueTransform transform, int horizon) {
        this.transform = transform;
        this.center = new double[horizon];
        this.spread = new double[horizon];
    }

    /** A decoder for {@code model}'s transform and horizon. */
    public static ForecastDecoder of(ServingModel model) {
        return new ForecastDecoder(model.transform(), model.horizon());
    }

    /**
     * Reads {@code row} after {@link BatchForecaster#run}, knowing only the last raw value: the
     * seasonal terms of the combination are left out.
     *
     * @param scale the series' scaler (of transformed values) with its forecast combination, as
     *     {@link ServingModel#scaleFor} gives it
     * @param lastValue the series' last raw value (the one the forecast starts from)
     */
    public ForecastDecoder decode(BatchForecaster forecaster, int row, StandardScaler scale,
            double lastValue) {
        lastOnly[0] = lastValue;
        return decode(forecaster, row, scale, lastOnly, 0);
    }

    /**
     * Reads {@code row} after {@link BatchForecaster#run}.
     *
     * @param scale the series' scaler (of transformed values) with its forecast combination, as
     *     {@link ServingModel#scaleFor} gives it
     * @param values the series' raw values; {@code values[lastAt]} is the last one (the forecast
     *     starts from it), those before it feed the seasonal terms, which are left out where they
     *     do not reach back {@link ForecastCombination#historyValues()} values
     */
    public ForecastDecoder decode(BatchForecaster forecaster, int row, StandardScaler scale,
            double[] values, int lastAt) {
        boolean cumulative = ValueTransforms.cumulative(transform);
        ForecastCombination mix = scale.combination();
        double lastValue = values[lastAt];
        double lastInput = forecaster.lastInput(row);
        // The last change, known under differencing from the value the network read last.
        double lastChange = cumulative && mix.lastChange() > 0 && !Double.isNaN(lastInput)
                ? scale.inverse(lastInput) : 0;
        double damping = 1;
        double sum = 0;
        double seasonalSum = 0;
        double variance = 0;
        for (int k = 0; k < center.length; k++) {
            double mean = scale.inverse(forecaster.mean(row, k));
            double sd = forecaster.hasIntervals()
                    ? scale.inverseSpread(forecaster.stdDev(row, k)) : 0;
            damping *= mix.lastChange();
            sum = cumulative ? sum + mix.network() * mean + damping * lastChange
                    : mix.network() == 1 ? mean : lastValue + mix.network() * (mean - lastValue);
            variance = cumulative ? variance + sd * sd : sd * sd;
            seasonalSum += seasonalChange(mix, values, lastAt, k + 1);
            center[k] = sum + seasonalSum + seasonalMean(mix, values, lastAt, k + 1);
            spread[k] = Math.sqrt(variance);
        }
        last = lastValue;
        return this;
    }

    /** The weight times the change to step k's seasonal mean level; 0 without it. */
    private double seasonalMean(ForecastCombination mix, double[] values, int lastAt, int k) {
        if (mix.seasonalMean() == 0) {
            return 0;
        }
        double target = SeasonalMean.level(values, lastAt, mix.period(), k);
        return Double.isNaN(target) || !ValueTransforms.defined(transform, target) ? 0
                : mix.seasonalMean() * ValueTransforms.change(transform, values[lastAt], target);
    }

    /** The weight times the seasonal mean change into step k; 0 without it. */
    private double seasonalChange(ForecastCombination mix, double[] values, int lastAt, int k) {
        if (mix.seasonalChange() == 0) {
            return 0;
        }
        double change = SeasonalMean.change(transform, values, lastAt, mix.period(), k);
        return Double.isNaN(change) ? 0 : mix.seasonalChange() * change;
    }

    /** Forecast of horizon step {@code k} (0-based) in raw units. */
    public double mean(int k) {
        return ValueTransforms.inverse(transform, last, center[k]);
    }

    /**
     * The bound {@code z} standard deviations from the mean in transformed units, in raw units
     * (e.g. z = ±1.96 for a 95 % interval; asymmetric under LOG_DIFFERENCE).
     */
    public double bound(int k, double z) {
        return ValueTransforms.inverse(transform, last, center[k] + z * spread[k]);
    }

    public int horizon() {
        return center.length;
    }
}
