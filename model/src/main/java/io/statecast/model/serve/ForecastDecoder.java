package io.statecast.model.serve;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.model.scale.StandardScaler;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.schemas.ValueTransform;

/**
 * Turns one row of a {@link BatchForecaster}'s outputs into forecasts in the series' own units:
 * unscales each horizon step, then inverts the model's {@link ValueTransform} from the last raw
 * value. Under differencing, step k's forecast is the last value plus the changes of steps 1..k,
 * and its variance the sum of theirs (the steps' errors taken as independent). The scaler's
 * {@link ForecastCombination} weighs each change of the network against no change (the naive
 * forecast) and adds a damped share of the last change; the spread is the network's either way.
 * Reuses its arrays: one instance per forecaster, not thread-safe.
 */
public final class ForecastDecoder {

    private final ValueTransform transform;
    private final double[] center;
    private final double[] spread;
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
     * Reads {@code row} after {@link BatchForecaster#run}.
     *
     * @param scale the series' scaler (of transformed values) with its forecast combination, as
     *     {@link ServingModel#scaleFor} gives it
     * @param lastValue the series' last raw value (the one the forecast starts from)
     */
    public ForecastDecoder decode(BatchForecaster forecaster, int row, StandardScaler scale,
            double lastValue) {
        boolean cumulative = ValueTransforms.cumulative(transform);
        ForecastCombination mix = scale.combination();
        double lastInput = forecaster.lastInput(row);
        // The last change, known under differencing from the value the network read last.
        double lastChange = cumulative && mix.lastChange() > 0 && !Double.isNaN(lastInput)
                ? scale.inverse(lastInput) : 0;
        double damping = 1;
        double sum = 0;
        double variance = 0;
        for (int k = 0; k < center.length; k++) {
            double mean = scale.inverse(forecaster.mean(row, k));
            double sd = forecaster.hasIntervals()
                    ? scale.inverseSpread(forecaster.stdDev(row, k)) : 0;
            damping *= mix.lastChange();
            sum = cumulative ? sum + mix.network() * mean + damping * lastChange
                    : mix.network() == 1 ? mean : lastValue + mix.network() * (mean - lastValue);
            variance = cumulative ? variance + sd * sd : sd * sd;
            center[k] = sum;
            spread[k] = Math.sqrt(variance);
        }
        last = lastValue;
        return this;
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
