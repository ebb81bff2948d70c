package io.statecast.model.scale;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code z = (x − mean) / std} and back. Spreads (σ of a forecast, interval half-widths) scale by
 * {@code std} only: use {@link #inverseSpread}.
 *
 * @param mean subtracted before dividing
 * @param std divisor, positive and finite
 */
public record StandardScaler(double mean, double std) {

    /** Leaves values unchanged (ScalerKind NONE). */
    public static final StandardScaler IDENTITY = new StandardScaler(0, 1);

    public StandardScaler {
        if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException(
                    "a standard scaler needs a finite mean and a positive "
                            + "finite std (raise min_std for constant series), got mean "
                            + mean
                            + ", std "
                            + std);
        }
    }

    public double transform(double value) {
        return (value - mean) / std;
    }

    public double inverse(double scaled) {
        return scaled * std + mean;
    }

    /** A spread (standard deviation, half-width) in scaled units back in raw units. */
    public double inverseSpread(double scaledSpread) {
        return scaledSpread * std;
    }

    /** Scales {@code values} in place and returns them. */
    public INDArray transformInPlace(INDArray values) {
        return values.subi(mean).divi(std);
    }

    /** Unscales {@code values} in place and returns them. */
    public INDArray inverseInPlace(INDArray values) {
        return values.muli(std).addi(mean);
    }
}
