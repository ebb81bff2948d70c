package io.statecast.model.offline;

/**
 * Point-forecast accuracy over a test range {@code [from, to)} of a series, as R's
 * {@code forecast::accuracy} and the M4 competition define it: MASE scales the mean absolute error
 * by the in-sample mean absolute seasonal difference of the training part {@code [0, from)};
 * sMAPE is {@code 200 · mean(|y − ŷ| / (|y| + |ŷ|))} in percent.
 */
public final class Accuracy {

    private Accuracy() {}

    /**
     * Mean of {@code |y_t − y_{t−m}|} over {@code t in [m, trainEnd)}: MASE's denominator.
     *
     * @throws IllegalArgumentException when the training part has no seasonal difference
     */
    public static double maseScale(double[] values, int trainEnd, int season) {
        if (season < 1) {
            throw new IllegalArgumentException("season length must be >= 1, got " + season);
        }
        if (trainEnd <= season || trainEnd > values.length) {
            throw new IllegalArgumentException("the training part (" + trainEnd + " values) must "
                    + "be longer than the season length " + season + " to scale MASE");
        }
        double sum = 0;
        for (int t = season; t < trainEnd; t++) {
            sum += Math.abs(values[t] - values[t - season]);
        }
        return sum / (trainEnd - season);
    }

    /** Mean absolute error over {@code [from, to)} divided by {@code scale}. */
    public static double mase(double[] actual, double[] forecast, int from, int to, double scale) {
        checkRange(actual, forecast, from, to);
        double sum = 0;
        for (int t = from; t < to; t++) {
            sum += Math.abs(actual[t] - forecast[t]);
        }
        return sum / (to - from) / scale;
    }

    /** Symmetric MAPE in percent over {@code [from, to)}; a step where both are 0 counts 0. */
    public static double smape(double[] actual, double[] forecast, int from, int to) {
        checkRange(actual, forecast, from, to);
        double sum = 0;
        for (int t = from; t < to; t++) {
            double denominator = Math.abs(actual[t]) + Math.abs(forecast[t]);
            sum += denominator == 0 ? 0 : Math.abs(actual[t] - forecast[t]) / denominator;
        }
        return 200 * sum / (to - from);
    }

    /** {@code exp(mean(ln x))}; NaN when empty or any value is not positive. */
    public static double geometricMean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            if (!(v > 0)) {
                return Double.NaN;
            }
            sum += Math.log(v);
        }
        return Math.exp(sum / values.length);
    }

    private static void checkRange(double[] actual, double[] forecast, int from, int to) {
        if (from < 0 || to > actual.length || to > forecast.length || from >= to) {
            throw new IllegalArgumentException("test range [" + from + ", " + to + ") must be "
                    + "non-empty and inside the " + actual.length + " values");
        }
        for (int t = from; t < to; t++) {
            if (Double.isNaN(forecast[t])) {
                throw new IllegalArgumentException("no forecast for step " + t + " of the test "
                        + "range; the walk-forward must cover every test step");
            }
        }
    }
}
