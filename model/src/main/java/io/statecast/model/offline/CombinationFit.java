package io.statecast.model.offline;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.model.scale.SeasonalMean;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.ValueTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Fits each series' {@link ForecastCombination} from one-step forecasts of data the network was
 * not trained on. With a the actual change of a held-out step (scale of {@link
 * ValueTransforms#change}), the candidate terms are the network's forecast change, the change
 * before (differencing transforms only) and the change to the {@link SeasonalMean} (series with a
 * season whose held-out steps all have {@link SeasonalMean#values} values before them).
 *
 * <p>Every subset of the terms is fitted by least squares and scored by its leave-one-out
 * (PRESS) mean squared error, an out-of-sample error on the held-out steps themselves (valid for
 * one-step forecasts with uncorrelated errors; Bergmeir, Hyndman and Koo 2018). The subset with
 * the lowest one is served, weights clipped to [0, 1], only if it beats the naive forecast (no
 * change) by more than one standard error of its own score; otherwise the series is served the
 * naive forecast. This is the one-standard-error rule with naive as the simplest model: the
 * network is used only where held-out evidence says clearly that it helps, which on random walks
 * such as stock indices it does not, however the network's noise happens to correlate there.
 */
public final class CombinationFit {

    /** Held-out steps a series needs for a fit; shorter series keep the network's forecast. */
    public static final int MIN_STEPS = 5;

    private static final int NETWORK = 0;
    private static final int LAST = 1;
    private static final int SEASONAL = 2;

    private CombinationFit() {}

    /**
     * Walks {@code model} (as it is) forward over every series and fits a combination per series
     * on the steps from {@code heldOutFrom.get(id)} on.
     *
     * @param series whole series (the model was trained on values before {@code heldOutFrom})
     * @param periods season length per series; missing = 1 (no seasonal term)
     * @return combinations by series id, for series with at least {@link #MIN_STEPS} held-out steps
     */
    public static Map<String, ForecastCombination> fit(ServingModel model,
            Map<String, double[]> series, Map<String, Integer> heldOutFrom,
            Map<String, Integer> periods) {
        Map<String, SeriesForecasts> forecasts = new WalkForward(model, 256, 0).run(series);
        Map<String, ForecastCombination> fitted = new TreeMap<>();
        forecasts.forEach((id, f) -> {
            double[] y = f.actual();
            int from = Math.max(2, heldOutFrom.get(id));
            if (y.length - from >= MIN_STEPS) {
                fitted.put(id, fit(model.transform(), y, f.oneStep(), from,
                        periods.getOrDefault(id, 1)));
            }
        });
        return fitted;
    }

    /** The combination of one series from its held-out steps {@code [from, y.length)}, from > 1. */
    static ForecastCombination fit(ValueTransform transform, double[] y, double[] forecast,
            int from, int period) {
        boolean seasonal = period > 1 && from >= SeasonalMean.values(period);
        List<double[]> rows = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        for (int t = from; t < y.length; t++) {
            double s = seasonal ? SeasonalMean.forecast(y, t - 1, period, 1) : 0;
            if (Double.isNaN(forecast[t]) || Double.isNaN(s)) {
                continue;
            }
            actual.add(ValueTransforms.change(transform, y[t - 1], y[t]));
            rows.add(new double[] {
                ValueTransforms.change(transform, y[t - 1], forecast[t]),
                ValueTransforms.cumulative(transform)
                        ? ValueTransforms.change(transform, y[t - 2], y[t - 1]) : 0,
                seasonal ? ValueTransforms.change(transform, y[t - 1], s) : 0});
        }
        if (rows.size() < MIN_STEPS) {
            return ForecastCombination.NETWORK;
        }
        double[][] x = rows.toArray(new double[0][]);
        double[] a = actual.stream().mapToDouble(Double::doubleValue).toArray();
        return choose(x, a, terms(transform, seasonal), period);
    }

    /** The candidate terms (columns of a row) this transform and series offer. */
    private static int[] terms(ValueTransform transform, boolean seasonal) {
        List<Integer> terms = new ArrayList<>(List.of(NETWORK));
        if (ValueTransforms.cumulative(transform)) {
            terms.add(LAST);
        }
        if (seasonal) {
            terms.add(SEASONAL);
        }
        return terms.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The lowest-PRESS subset of {@code terms} if it beats naive by a standard error, else naive. */
    private static ForecastCombination choose(double[][] x, double[] a, int[] terms, int period) {
        LeastSquares best = null;
        int[] bestColumns = null;
        for (int mask = 1; mask < 1 << terms.length; mask++) {
            int[] columns = subset(terms, mask);
            LeastSquares fit = LeastSquares.fit(x, a, columns);
            if (fit != null && (best == null || fit.press() < best.press())) {
                best = fit;
                bestColumns = columns;
            }
        }
        double[] weights = new double[3];
        if (best != null && best.press() + best.pressStandardError() < LeastSquares.meanSquare(a)) {
            double[] w = best.weights();
            for (int p = 0; p < bestColumns.length; p++) {
                weights[bestColumns[p]] = Math.min(1, Math.max(0, w[p]));
            }
        }
        return new ForecastCombination(weights[NETWORK], weights[LAST], weights[SEASONAL],
                period);
    }

    private static int[] subset(int[] terms, int mask) {
        return IntStream.range(0, terms.length)
                .filter(i -> (mask & 1 << i) != 0).map(i -> terms[i]).toArray();
    }
}
