package io.statecast.model.offline;

import java.util.Arrays;

/**
 * One series' walk-forward forecasts, indexed by the time step they forecast: {@code mean[k][t]} is
 * the forecast of value t made k+1 steps earlier, with its interval bounds; NaN where none was
 * made (the first steps, or no interval without a Gaussian head).
 */
public record SeriesForecasts(String seriesId, double[] actual, double[][] mean, double[][] lower,
        double[][] upper) {

    /** Empty forecasts (all NaN) for {@code horizon} steps over {@code actual}. */
    static SeriesForecasts empty(String seriesId, double[] actual, int horizon) {
        return new SeriesForecasts(seriesId, actual, nans(horizon, actual.length),
                nans(horizon, actual.length), nans(horizon, actual.length));
    }

    private static double[][] nans(int rows, int columns) {
        double[][] a = new double[rows][columns];
        for (double[] row : a) {
            Arrays.fill(row, Double.NaN);
        }
        return a;
    }

    public int horizon() {
        return mean.length;
    }

    /** The one-step-ahead forecasts. */
    public double[] oneStep() {
        return mean[0];
    }
}
