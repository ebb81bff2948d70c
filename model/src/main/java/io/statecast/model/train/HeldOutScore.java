package io.statecast.model.train;

import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's accuracy on the held-out part of series, measured as the forecast job serves it (the
 * serving engine, {@link BatchForecaster}, in FLOAT): each series is run one step at a time from its first value with the recurrent state carried (not
 * windows from a zero state: a model can do well on short windows and drift over long runs), and
 * every forecast whose targets are all held out is scored, in the series' own units (transformed,
 * not scaled) so that models with different scalers compare on the same footing: the mean absolute
 * and mean squared error of the point forecast (a GAUSSIAN head's mean, what the job emits) and,
 * for a GAUSSIAN head, the negative log-likelihood per point (NaN for the other heads).
 *
 * @param mae mean absolute error of the point forecast
 * @param mse mean squared error of the point forecast
 * @param nll Gaussian negative log-likelihood per point, in the series' units; NaN without a
 *     GAUSSIAN head
 * @param points forecast points scored (forecasts × horizon)
 */
public record HeldOutScore(double mae, double mse, double nll, long points) {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** Scores {@code model} on the held-out parts of {@code windows}' series. */
    static HeldOutScore of(ModelSnapshot model, TrainerConfig config, SeriesWindows windows) {
        Sums sums = new Sums(config.head() == HeadType.GAUSSIAN, config.horizon());
        // Series of equal length advance together, one batched step at a time.
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        List<double[]> series = windows.scaledSeries();
        for (int i = 0; i < series.size(); i++) {
            byLength.computeIfAbsent(series.get(i).length, k -> new ArrayList<>()).add(i);
        }
        ServingModel serving = ServingModel.of(model);
        byLength.forEach((length, group) -> walk(serving, config, windows, group, length, sums));
        if (sums.points == 0) {
            throw new IllegalArgumentException("no held-out value to score");
        }
        return new HeldOutScore(sums.absolute / sums.points, sums.squared / sums.points,
                sums.gaussian ? sums.nll / sums.points : Double.NaN, sums.points);
    }

    /** Walks a group of equally long series through the serving engine, one step at a time. */
    private static void walk(ServingModel model, TrainerConfig config, SeriesWindows windows,
            List<Integer> group, int length, Sums sums) {
        int rows = group.size();
        int h = config.horizon();
        int from = windows.heldOutFrom(length);
        try (BatchForecaster forecaster = model.newForecaster(rows, 1)) {
            for (int r = 0; r < rows; r++) {
                forecaster.loadState(r, null);
            }
            for (int t = 0; t + h < length; t++) {
                for (int r = 0; r < rows; r++) {
                    forecaster.setInput(r, 0, windows.scaledSeries().get(group.get(r)), t);
                }
                forecaster.run(rows, 1);
                if (t + 1 >= from) {
                    for (int r = 0; r < rows; r++) {
                        int i = group.get(r);
                        sums.add(forecaster, r, windows.scaledSeries().get(i), t + 1, windows.std(i));
                    }
                }
            }
        }
    }

    /** Running sums over scored points. */
    private static final class Sums {
        final boolean gaussian;
        final int horizon;
        double absolute;
        double squared;
        double nll;
        long points;

        Sums(boolean gaussian, int horizon) {
            this.gaussian = gaussian;
            this.horizon = horizon;
        }

        /** A row's forecast against {@code z[first, first + h)}, unscaled by {@code std}. */
        void add(BatchForecaster forecast, int row, double[] z, int first, double std) {
            for (int k = 0; k < horizon; k++) {
                double scaledError = forecast.mean(row, k) - z[first + k];
                double error = scaledError * std;
                absolute += Math.abs(error);
                squared += error * error;
                if (gaussian) {
                    // N(y; std·μ + m, std²·σ²): the scaled NLL plus ln(std).
                    double sd = forecast.stdDev(row, k);
                    nll += Math.log(sd) + 0.5 * scaledError * scaledError / (sd * sd) + HALF_LOG_TWO_PI
                            + Math.log(std);
                }
                points++;
            }
        }
    }

    @Override
    public String toString() {
        return String.format("MAE %.5g, MSE %.5g, NLL %.5g (%d points)", mae, mse, nll, points);
    }
}
