package io.statecast.model.scale;

/**
 * How a series' served forecast combines the network's forecast with simple ones, on the scale of
 * {@link ValueTransforms#change} (log changes under LOG_DIFFERENCE, differences otherwise): the next
 * change is {@code network · (network's change) + lastChange · (last change) + seasonal · (change
 * from the last value to the seasonal mean)}, added to the last value; horizon step k uses
 * {@code lastChange^k} (an AR(1) on the changes) and the {@link SeasonalMean} of step k's phase.
 * (0, 0, 0) is the naive forecast, (1, 0, 0) the network's unchanged. The last change is known only
 * under differencing transforms; LEVEL models use {@code lastChange} 0.
 *
 * @param network weight in [0, 1] of the network's forecast change
 * @param lastChange weight in [0, 1] of the series' last change
 * @param seasonal weight in [0, 1] of the change to the seasonal mean; 0 without a season
 * @param period the series' season length in steps, 1 = no season
 */
public record ForecastCombination(double network, double lastChange, double seasonal, int period) {

    /** The network's forecast unchanged. */
    public static final ForecastCombination NETWORK = new ForecastCombination(1, 0);

    public ForecastCombination {
        check("network", network);
        check("last-change", lastChange);
        check("seasonal", seasonal);
        if (period < 1) {
            throw new IllegalArgumentException("a season length must be >= 1 step (1 = no "
                    + "season), got " + period);
        }
        if (seasonal > 0 && period == 1) {
            throw new IllegalArgumentException("a seasonal weight (" + seasonal + ") needs a "
                    + "season longer than 1 step");
        }
    }

    /** A combination without a seasonal term. */
    public ForecastCombination(double network, double lastChange) {
        this(network, lastChange, 0, 1);
    }

    /**
     * Raw values before and including the last one that the seasonal term reads ({@link
     * SeasonalMean#values}); 1 (the last value) without it.
     */
    public int historyValues() {
        return seasonal > 0 ? SeasonalMean.values(period) : 1;
    }

    private static void check(String name, double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("a forecast combination's " + name + " weight must "
                    + "be in [0, 1] (0 = not used, 1 = fully), got " + weight);
        }
    }
}
