package io.statecast.model.scale;

/**
 * The seasonal-mean forecast: the mean of the values at the same phase in the last
 * {@link #SEASONS} seasons. For a stable seasonal profile (monthly temperatures) it forecasts the
 * level with the noise of {@code SEASONS} observations averaged out, which the change of one
 * season ago (seasonal naive) cannot. Training's combination fit and serving's decoder both call
 * it, on the same raw values.
 */
public final class SeasonalMean {

    /** Seasons averaged: four, as the held-out training parts of the R series preferred it to 2, 3, 6. */
    public static final int SEASONS = 4;

    private SeasonalMean() {}

    /** Raw values (ending with the last one) the forecasts of every horizon step read. */
    public static int values(int period) {
        return SEASONS * period;
    }

    /**
     * The forecast of the value {@code k} steps after {@code values[last]}: the mean of the values
     * {@code j · period} steps before it, for the {@link #SEASONS} smallest j that reach back to
     * {@code last} or earlier; NaN when the values do not reach back that far or one is not finite.
     */
    public static double forecast(double[] values, int last, int period, int k) {
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
}
