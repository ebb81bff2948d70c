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
 * before (differencing transforms only), and the change to the seasonal mean level and the
 * seasonal mean change ({@link SeasonalMean}; series with a season whose held-out steps all have
 * {@link SeasonalMean#values} values up to the step before).
 *
 * <p>Every subset of the terms, the empty one (the naive forecast: no change) included, is fitted
 * by least squares and scored by its leave-one-out (PRESS) mean squared error, an out-of-sample
 * error on the held-out steps themselves (valid for one-step forecasts with uncorrelated errors;
 * Bergmeir, Hyndman and Koo 2018). The one-standard-error rule picks among them: the subset with
 * the fewest terms whose score is within one standard error of the best score (ties: the lower
 * score), served with its least-squares weights clipped to [0, 1]. A term is used only where
 * held-out evidence says clearly that it helps: on random walks such as stock indices nothing
 * does, however the network's noise happens to correlate with their changes there.
 */
public final class CombinationFit {

    /** Held-out steps a series needs for a fit; shorter series keep the network's forecast. */
    public static final int MIN_STEPS = 5;

    private static final int NETWORK = 0;
    private static final int LAST = 1;
    private static final int SEASONAL_MEAN = 2;
    private static final int SEASONAL_CHANGE = 3;

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
            double level = seasonal ? SeasonalMean.level(y, t - 1, period, 1) : 0;
            double change = seasonal ? SeasonalMean.change(transform, y, t - 1, period, 1) : 0;
            if (Double.isNaN(forecast[t]) || Double.isNaN(level) || Double.isNaN(change)) {
                continue;
            }
            actual.add(ValueTransforms.change(transform, y[t - 1], y[t]));
            rows.add(new double[] {
                ValueTransforms.change(transform, y[t - 1], forecast[t]),
                ValueTransforms.cumulative(transform)
                        ? ValueTransforms.change(transform, y[t - 2], y[t - 1]) : 0,
                seasonal ? ValueTransforms.change(transform, y[t - 1], level) : 0,
                change});
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
            terms.add(SEASONAL_MEAN);
            terms.add(SEASONAL_CHANGE);
        }
        return terms.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The one-standard-error rule over every subset of {@code terms}, naive (none) included. */
    private static ForecastCombination choose(double[][] x, double[] a, int[] terms, int period) {
        List<int[]> subsets = new ArrayList<>();
        List<LeastSquares> fits = new ArrayList<>();
        LeastSquares best = null;
        for (int mask = 0; mask < 1 << terms.length; mask++) {
            int[] columns = subset(terms, mask);
            LeastSquares fit = LeastSquares.fit(x, a, columns);
            if (fit != null) {
                subsets.add(columns);
                fits.add(fit);
                best = best == null || fit.press() < best.press() ? fit : best;
            }
        }
        // The fewest terms within one standard error of the best score; ties: the lower score.
        double bar = best.press() + best.pressStandardError();
        int chosen = -1;
        for (int i = 0; i < fits.size(); i++) {
            double press = fits.get(i).press();
            int size = subsets.get(i).length;
            if (press <= bar && (chosen < 0 || size < subsets.get(chosen).length
                    || size == subsets.get(chosen).length && press < fits.get(chosen).press())) {
                chosen = i;
            }
        }
        double[] weights = new double[4];
        double[] w = fits.get(chosen).weights();
        int[] columns = subsets.get(chosen);
        for (int p = 0; p < columns.length; p++) {
            weights[columns[p]] = Math.min(1, Math.max(0, w[p]));
        }
        return new ForecastCombination(weights[NETWORK], weights[LAST], weights[SEASONAL_MEAN],
                weights[SEASONAL_CHANGE], period);
    }

    private static int[] subset(int[] terms, int mask) {
        return IntStream.range(0, terms.length)
                .filter(i -> (mask & 1 << i) != 0).map(i -> terms[i]).toArray();
    }
}
