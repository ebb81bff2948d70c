package io.statecast.model.offline;

/**
 * Ordinary least squares of {@code a} on a few columns of {@code x} (no intercept), with the
 * leave-one-out residuals {@code e_i / (1 − h_ii)} (the PRESS residuals: what each step's error
 * would have been had the fit not seen it). For the handful of columns a forecast combination has,
 * so the normal equations are inverted directly.
 */
final class LeastSquares {

    private final double[] weights;
    private final double[] leaveOneOut;

    private LeastSquares(double[] weights, double[] leaveOneOut) {
        this.weights = weights;
        this.leaveOneOut = leaveOneOut;
    }

    /**
     * Fits {@code a ~ x[.][columns]}; null when the columns are collinear on these rows or a row
     * alone determines a weight (leverage 1, no leave-one-out residual).
     */
    static LeastSquares fit(double[][] x, double[] a, int[] columns) {
        int k = columns.length;
        double[][] xtx = new double[k][k];
        double[] xta = new double[k];
        for (int i = 0; i < a.length; i++) {
            for (int p = 0; p < k; p++) {
                xta[p] += x[i][columns[p]] * a[i];
                for (int q = 0; q < k; q++) {
                    xtx[p][q] += x[i][columns[p]] * x[i][columns[q]];
                }
            }
        }
        double[][] inverse = invert(xtx);
        if (inverse == null) {
            return null;
        }
        double[] w = new double[k];
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < k; q++) {
                w[p] += inverse[p][q] * xta[q];
            }
        }
        double[] loo = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double fitted = 0;
            double leverage = 0;
            for (int p = 0; p < k; p++) {
                fitted += w[p] * x[i][columns[p]];
                for (int q = 0; q < k; q++) {
                    leverage += x[i][columns[p]] * inverse[p][q] * x[i][columns[q]];
                }
            }
            if (!(leverage < 1 - 1e-9)) {
                return null;
            }
            loo[i] = (a[i] - fitted) / (1 - leverage);
        }
        return new LeastSquares(w, loo);
    }

    /** The weights, in the order of the columns fitted. */
    double[] weights() {
        return weights.clone();
    }

    /** Mean of the squared leave-one-out residuals. */
    double press() {
        return meanSquare(leaveOneOut);
    }

    /** Standard error of {@link #press()}: of the mean of the squared residuals over the rows. */
    double pressStandardError() {
        return standardErrorOfMeanSquare(leaveOneOut);
    }

    static double meanSquare(double[] e) {
        double sum = 0;
        for (double v : e) {
            sum += v * v;
        }
        return sum / e.length;
    }

    static double standardErrorOfMeanSquare(double[] e) {
        double mean = meanSquare(e);
        double ss = 0;
        for (double v : e) {
            ss += (v * v - mean) * (v * v - mean);
        }
        return Math.sqrt(ss / (e.length - 1) / e.length);
    }

    /** Gauss–Jordan with partial pivoting; null when (numerically) singular. */
    private static double[][] invert(double[][] m) {
        int k = m.length;
        double[][] a = new double[k][2 * k];
        double scale = 0;
        for (int p = 0; p < k; p++) {
            System.arraycopy(m[p], 0, a[p], 0, k);
            a[p][k + p] = 1;
            scale = Math.max(scale, Math.abs(m[p][p]));
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(a[pivot][col]) > 1e-12 * scale)) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double d = a[col][col];
            for (int c = 0; c < 2 * k; c++) {
                a[col][c] /= d;
            }
            for (int r = 0; r < k; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int c = 0; c < 2 * k; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[][] inverse = new double[k][k];
        for (int p = 0; p < k; p++) {
            System.arraycopy(a[p], k, inverse[p], 0, k);
        }
        return inverse;
    }
}
