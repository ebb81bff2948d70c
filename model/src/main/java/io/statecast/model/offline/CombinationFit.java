package io.statecast.model.offline;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.ValueTransform;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits each series' {@link ForecastCombination} from one-step forecasts of data the network was
 * not trained on. With a the actual change of a held-out step, c the network's forecast change
 * and d the change before (scale of {@link ValueTransforms#change}), least squares regresses a
 * on c and d (on c alone under LEVEL, where the last change is not served); each weight kept is
 * its estimate moved one standard error towards 0, clipped to [0, 1] — the one-standard-error
 * rule: a forecast is used only as far as the held-out evidence says it helps. On a random walk
 * both weights come out 0, so the series is served the naive forecast (the last value).
 */
public final class CombinationFit {

    /** Held-out steps a series needs for a fit; shorter series keep the network's forecast. */
    public static final int MIN_STEPS = 5;

    private CombinationFit() {}

    /**
     * Walks {@code model} (as it is) forward over every series and fits a combination per series
     * on the steps from {@code heldOutFrom.get(id)} on.
     *
     * @param series whole series (the model was trained on values before {@code heldOutFrom})
     * @return combinations by series id, for series with at least {@link #MIN_STEPS} held-out steps
     */
    public static Map<String, ForecastCombination> fit(ServingModel model,
            Map<String, double[]> series, Map<String, Integer> heldOutFrom) {
        Map<String, SeriesForecasts> forecasts = new WalkForward(model, 256, 0).run(series);
        Map<String, ForecastCombination> fitted = new TreeMap<>();
        forecasts.forEach((id, f) -> {
            double[] y = f.actual();
            int from = Math.max(2, heldOutFrom.get(id));
            if (y.length - from >= MIN_STEPS) {
                fitted.put(id, fit(model.transform(), y, f.oneStep(), from));
            }
        });
        return fitted;
    }

    /** The combination of one series from its held-out steps {@code [from, y.length)}, from > 1. */
    static ForecastCombination fit(ValueTransform transform, double[] y, double[] forecast,
            int from) {
        boolean withLast = ValueTransforms.cumulative(transform);
        // Normal equations of a ~ c (+ d): sums of products.
        double cc = 0;
        double cd = 0;
        double dd = 0;
        double ac = 0;
        double ad = 0;
        double aa = 0;
        int n = 0;
        for (int t = from; t < y.length; t++) {
            if (Double.isNaN(forecast[t])) {
                continue;
            }
            double a = ValueTransforms.change(transform, y[t - 1], y[t]);
            double c = ValueTransforms.change(transform, y[t - 1], forecast[t]);
            double d = withLast ? ValueTransforms.change(transform, y[t - 2], y[t - 1]) : 0;
            cc += c * c;
            cd += c * d;
            dd += d * d;
            ac += a * c;
            ad += a * d;
            aa += a * a;
            n++;
        }
        int k = withLast ? 2 : 1;
        double det = withLast ? cc * dd - cd * cd : cc;
        if (n < MIN_STEPS || !(cc > 0) || withLast && !(det > 1e-12 * cc * dd)) {
            return ForecastCombination.NETWORK;
        }
        double wc = withLast ? (ac * dd - ad * cd) / det : ac / cc;
        double wd = withLast ? (ad * cc - ac * cd) / det : 0;
        // Residual sum of squares from the sums: a'a − 2w'X'a + w'X'Xw.
        double rss = Math.max(0, aa - 2 * (wc * ac + wd * ad)
                + wc * wc * cc + 2 * wc * wd * cd + wd * wd * dd);
        double s2 = rss / (n - k);
        double seC = Math.sqrt(s2 * (withLast ? dd : 1) / det);
        double seD = withLast ? Math.sqrt(s2 * cc / det) : 0;
        return new ForecastCombination(shrink(wc, seC), withLast ? shrink(wd, seD) : 0);
    }

    /** The estimate one standard error closer to 0, clipped to [0, 1]. */
    private static double shrink(double estimate, double se) {
        return Math.min(1, Math.max(0, estimate - se));
    }
}
