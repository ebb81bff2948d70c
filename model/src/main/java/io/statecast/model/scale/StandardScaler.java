package io.statecast.model.scale;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code z = (x − mean) / std} and back. Spreads (σ of a forecast, interval half-widths) scale by
 * {@code std} only: use {@link #inverseSpread}. It also carries the series' forecast combination,
 * so that whoever looks up a series' scaler gets every per-series serving parameter at once.
 *
 * @param mean subtracted before dividing
 * @param std divisor, positive and finite
 * @param combination how the served forecast mixes the network's with simple ones, applied by
 *     {@link io.statecast.model.serve.ForecastDecoder}
 */
public record StandardScaler(double mean, double std, ForecastCombination combination) {

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
        Objects.requireNonNull(combination, "combination");
    }

    /** A scaler serving the network's forecast unchanged ({@link ForecastCombination#NETWORK}). */
    public StandardScaler(double mean, double std) {
        this(mean, std, ForecastCombination.NETWORK);
    }

    /** This scaler with {@code combination}. */
    public StandardScaler withCombination(ForecastCombination combination) {
        return new StandardScaler(mean, std, combination);
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
