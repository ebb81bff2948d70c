package io.statecast.model.offline;

/**
 * Accuracy of one series' walk-forward over its test part {@code [trainEnd, length)}: MASE and
 * sMAPE of the model's one-step forecasts next to the naive and seasonal naive forecasts', all
 * MASE values scaled by the same in-sample mean absolute seasonal difference of the training part.
 *
 * @param maseHorizon MASE of the model's h-step forecasts (NaN for h = 1)
 */
public record SeriesScore(String seriesId, int length, int trainEnd, int season, double scale,
        double mase, double maseNaive, double maseSeasonalNaive, double smape, double smapeNaive,
        double smapeSeasonalNaive, double maseHorizon) {

    /**
     * Scores {@code forecasts} over {@code [trainEnd, length)}.
     *
     * @throws IllegalArgumentException when the split leaves no test step, or the training part
     *     is not longer than the season
     */
    public static SeriesScore of(SeriesForecasts forecasts, int trainEnd, int season) {
        double[] y = forecasts.actual();
        int n = y.length;
        double scale = Accuracy.maseScale(y, trainEnd, season);
        double[] naive = Baselines.naive(y);
        double[] seasonal = Baselines.seasonalNaive(y, season);
        double[] model = forecasts.oneStep();
        int h = forecasts.horizon();
        // The walk covers the whole series: every test step has an h-step forecast once the
        // training part is longer than h plus the transform's lag.
        double maseH = h == 1 ? Double.NaN
                : Accuracy.mase(y, forecasts.mean()[h - 1], trainEnd, n, scale);
        return new SeriesScore(forecasts.seriesId(), n, trainEnd, season, scale,
                Accuracy.mase(y, model, trainEnd, n, scale),
                Accuracy.mase(y, naive, trainEnd, n, scale),
                Accuracy.mase(y, seasonal, trainEnd, n, scale),
                Accuracy.smape(y, model, trainEnd, n), Accuracy.smape(y, naive, trainEnd, n),
                Accuracy.smape(y, seasonal, trainEnd, n), maseH);
    }

    /** Steps scored. */
    public int testLength() {
        return length - trainEnd;
    }
}
