package io.statecast.model.train;

import io.statecast.model.head.GaussianOutput;
import io.statecast.schemas.HeadType;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's accuracy on held-out windows in the series' own units (transformed, not scaled), so two
 * models with different scalers compare on the same footing: the mean absolute and mean squared
 * error of the point forecast (a GAUSSIAN head's mean, what the forecast job emits as the forecast)
 * and, for a GAUSSIAN head, the negative log-likelihood per point (NaN for the other heads).
 *
 * @param mae mean absolute error of the point forecast
 * @param mse mean squared error of the point forecast
 * @param nll Gaussian negative log-likelihood per point, in the series' units; NaN without a
 *     GAUSSIAN head
 * @param points forecast points scored (windows × targets per window)
 */
public record HeldOutScore(double mae, double mse, double nll, long points) {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** Scores {@code network} on {@code batches} (each row unscaled by its own scaler's std). */
    static HeldOutScore of(SequenceNetwork network, HeadType head, List<WindowBatch> batches) {
        boolean gaussian = head == HeadType.GAUSSIAN;
        double absolute = 0;
        double squared = 0;
        double nll = 0;
        long points = 0;
        for (WindowBatch b : batches) {
            INDArray out = network.forwardHead(b.inputs(), BpttTrainer.initialState(network, b));
            int rows = b.size();
            double[][] mean = rows(gaussian ? GaussianOutput.means(out) : out, rows);
            double[][] logVar = gaussian ? rows(GaussianOutput.clampedLogVariances(out), rows) : null;
            double[][] target = rows(b.targets(), rows);
            for (int r = 0; r < rows; r++) {
                double std = b.stds()[r];
                for (int k = 0; k < target[r].length; k++) {
                    double scaledError = mean[r][k] - target[r][k];
                    double error = scaledError * std;
                    absolute += Math.abs(error);
                    squared += error * error;
                    if (gaussian) {
                        // N(y; std·μ + m, std²·σ²): the scaled NLL plus ln(std).
                        double s = logVar[r][k];
                        nll += 0.5 * (s + scaledError * scaledError * Math.exp(-s))
                                + HALF_LOG_TWO_PI + Math.log(std);
                    }
                    points++;
                }
            }
        }
        if (points == 0) {
            throw new IllegalArgumentException("no held-out window to score");
        }
        return new HeldOutScore(absolute / points, squared / points,
                gaussian ? nll / points : Double.NaN, points);
    }

    private static double[][] rows(INDArray values, int rows) {
        // dup: a GAUSSIAN head's means and log-variances are column views of its output.
        return values.dup('c').reshape(rows, values.length() / rows).toDoubleMatrix();
    }

    @Override
    public String toString() {
        return String.format("MAE %.5g, MSE %.5g, NLL %.5g (%d points)", mae, mse, nll, points);
    }
}
