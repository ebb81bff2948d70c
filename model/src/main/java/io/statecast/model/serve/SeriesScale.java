package io.statecast.model.serve;

/** The affine scaling of one series' values: {@code (x − mean) / std} in, {@code y · std + mean} out. */
public record SeriesScale(double mean, double std) {

    /** No scaling. */
    public static final SeriesScale IDENTITY = new SeriesScale(0, 1);

    public SeriesScale {
        if (!(std > 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("scale needs a finite mean and a positive finite std, got mean "
                    + mean + ", std " + std);
        }
    }

    public double apply(double x) {
        return (x - mean) / std;
    }

    public double inverse(double y) {
        return y * std + mean;
    }
}
