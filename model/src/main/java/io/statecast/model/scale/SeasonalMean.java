package io.statecast.model.scale;

import io.statecast.schemas.ValueTransform;

/**
 * Two seasonal forecasts from the same phase in the last {@link #SEASONS} seasons: the mean of the
 * values there ({@link #level}: for a stable seasonal profile, such as monthly temperatures, the
 * level with the noise of four observations averaged out), and the mean of the changes into them
 * ({@link #change}: for a profile riding on a trend, such as airline passengers, the step the
 * season takes next). Training's combination fit and serving's decoder both call these, on the
 * same raw values.
 */
public final class SeasonalMean {

    /**
     * Seasons averaged: on nottem's held-out training part 3 to 8 did about equally well and 2
     * clearly worse; four is on that plateau with a short history for the forecast job to keep.
     */
    public static final int SEASONS = 4;

    private SeasonalMean() {}

    /** Raw values (ending with the last one) the forecasts of every horizon step read. */
    public static int values(int period) {
        return SEASONS * period + 1;
    }

    /**
     * The forecast of the value {@code k} steps after {@code values[last]}: the mean of the values
     * {@code j · period} steps before it, for the {@link #SEASONS} smallest j that reach back to
     * {@code last} or earlier; NaN when the values do not reach back that far or one is not finite.
     */
    public static double level(double[] values, int last, int period, int k) {
        int first = (k + period - 1) / period;
        double sum = 0;
        for (int j = first; j < first + SEASONS; j++) {
            int index = last + k - j * period;
            if (index < 0) {
                return Double.NaN;
            }
            sum += values[index];
        }
        return Double.isFinite(sum) ? sum / SEASONS : Double.NaN;
    }

    /**
     * The forecast of the change into the value {@code k} steps after {@code values[last]} (scale of
     * {@link ValueTransforms#change}): the mean of the changes into the values {@link #level}
     * averages; NaN when the values do not reach back that far or the transform is not defined for
     * one of them.
     */
    public static double change(ValueTransform transform, double[] values, int last, int period,
            int k) {
        int first = (k + period - 1) / period;
        double sum = 0;
        for (int j = first; j < first + SEASONS; j++) {
            int index = last + k - j * period;
            if (index < 1 || !ValueTransforms.defined(transform, values[index - 1])
                    || !ValueTransforms.defined(transform, values[index])) {
                return Double.NaN;
            }
            sum += ValueTransforms.change(transform, values[index - 1], values[index]);
        }
        return Double.isFinite(sum) ? sum / SEASONS : Double.NaN;
    }
}
