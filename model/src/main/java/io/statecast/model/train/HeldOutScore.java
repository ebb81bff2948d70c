package io.statecast.model.train;

import io.statecast.model.head.GaussianOutput;
import io.statecast.model.layer.StackState;
import io.statecast.schemas.HeadType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model's accuracy on the held-out part of series, measured as the forecast job serves it: each
 * series is run one step at a time from its first value with the recurrent state carried (not
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

    /** Scores {@code network} on the held-out parts of {@code windows}' series. */
    static HeldOutScore of(SequenceNetwork network, TrainerConfig config, SeriesWindows windows) {
        Sums sums = new Sums(config.head() == HeadType.GAUSSIAN);
        // Series of equal length advance together, one batched step at a time.
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        List<double[]> series = windows.scaledSeries();
        for (int i = 0; i < series.size(); i++) {
            byLength.computeIfAbsent(series.get(i).length, k -> new ArrayList<>()).add(i);
        }
        byLength.forEach((length, group) -> walk(network, config, windows, group, length, sums));
        if (sums.points == 0) {
            throw new IllegalArgumentException("no held-out value to score");
        }
        return new HeldOutScore(sums.absolute / sums.points, sums.squared / sums.points,
                sums.gaussian ? sums.nll / sums.points : Double.NaN, sums.points);
    }

    private static void walk(SequenceNetwork network, TrainerConfig config, SeriesWindows windows,
            List<Integer> group, int length, Sums sums) {
        int rows = group.size();
        int h = config.horizon();
        int from = windows.heldOutFrom(length);
        DataType type = network.dataType();
        double[] step = new double[rows];
        StackState state = null;
        for (int t = 0; t + h < length; t++) {
            for (int r = 0; r < rows; r++) {
                step[r] = windows.scaledSeries().get(group.get(r))[t];
            }
            INDArray x = Nd4j.create(step, new long[] {rows, 1, 1}, type);
            if (t + 1 >= from) {
                INDArray out = network.forwardHead(x, state);
                double[][] forecasts = out.reshape(rows, out.length() / rows).toDoubleMatrix();
                for (int r = 0; r < rows; r++) {
                    int i = group.get(r);
                    sums.add(forecasts[r], windows.scaledSeries().get(i), t + 1, h, windows.std(i));
                }
            }
            state = network.finalState(x, state);
        }
    }

    /** Running sums over scored points. */
    private static final class Sums {
        final boolean gaussian;
        double absolute;
        double squared;
        double nll;
        long points;

        Sums(boolean gaussian) {
            this.gaussian = gaussian;
        }

        /** One forecast (a head's output row) against {@code z[first, first + h)}, unscaled by {@code std}. */
        void add(double[] forecast, double[] z, int first, int h, double std) {
            for (int k = 0; k < h; k++) {
                double scaledError = forecast[k] - z[first + k];
                double error = scaledError * std;
                absolute += Math.abs(error);
                squared += error * error;
                if (gaussian) {
                    // N(y; std·μ + m, std²·σ²): the scaled NLL plus ln(std).
                    double s = Math.min(GaussianOutput.MAX_LOG_VARIANCE,
                            Math.max(GaussianOutput.MIN_LOG_VARIANCE, forecast[h + k]));
                    nll += 0.5 * (s + scaledError * scaledError * Math.exp(-s)) + HALF_LOG_TWO_PI
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
