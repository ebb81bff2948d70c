package io.statecast.model.offline;

import java.util.Arrays;

/** The benchmark forecasts every model must beat: naive and seasonal naive, one step ahead. */
public final class Baselines {

    private Baselines() {}

    /** {@code ŷ_t = y_{t−1}}; NaN at t = 0. */
    public static double[] naive(double[] values) {
        return seasonalNaive(values, 1);
    }

    /** {@code ŷ_t = y_{t−m}}; NaN for t < m. */
    public static double[] seasonalNaive(double[] values, int season) {
        if (season < 1) {
            throw new IllegalArgumentException("season length must be >= 1, got " + season);
        }
        double[] forecast = new double[values.length];
        Arrays.fill(forecast, 0, Math.min(season, values.length), Double.NaN);
        for (int t = season; t < values.length; t++) {
            forecast[t] = values[t - season];
        }
        return forecast;
    }
}
