package io.statecast.model.scale;

/**
 * How a series' served forecast combines the network's forecast with simple ones, on the scale of
 * {@link ValueTransforms#change} (log changes under LOG_DIFFERENCE, differences otherwise): the next
 * change is {@code network · (network's change) + lastChange · (last change) + seasonalMean ·
 * (change from the last value to the seasonal mean level) + seasonalChange · (seasonal mean
 * change)}, added to the last value (see {@link SeasonalMean}). Horizon step k uses {@code
 * lastChange^k} (an AR(1) on the changes), the seasonal mean level of step k's phase and the sum of
 * the seasonal mean changes of steps 1..k. (0, 0, 0, 0) is the naive forecast, (1, 0, 0, 0) the
 * network's unchanged. The last change is known only under differencing transforms; LEVEL models
 * use {@code lastChange} 0.
 *
 * @param network weight in [0, 1] of the network's forecast change
 * @param lastChange weight in [0, 1] of the series' last change
 * @param seasonalMean weight in [0, 1] of the change to the seasonal mean level; 0 without a season
 * @param seasonalChange weight in [0, 1] of the seasonal mean change; 0 without a season
 * @param period the series' season length in steps, 1 = no season
 */
public record ForecastCombination(double network, double lastChange, double seasonalMean,
        double seasonalChange, int period) {

    /** The network's forecast unchanged. */
    public static final ForecastCombination NETWORK = new ForecastCombination(1, 0);

    public ForecastCombination {
        check("network", network);
        check("last-change", lastChange);
        check("seasonal-mean", seasonalMean);
        check("seasonal-change", seasonalChange);
        if (period < 1) {
            throw new IllegalArgumentException("a season length must be >= 1 step (1 = no "
                    + "season), got " + period);
        }
        // The parameters, not seasonal(): the fields are assigned after this body.
        if ((seasonalMean > 0 || seasonalChange > 0) && period == 1) {
            throw new IllegalArgumentException("seasonal weights (" + seasonalMean + ", "
                    + seasonalChange + ") need a season longer than 1 step");
        }
    }

    /** A combination without seasonal terms. */
    public ForecastCombination(double network, double lastChange) {
        this(network, lastChange, 0, 0, 1);
    }

    /** True when a seasonal term is used. */
    public boolean seasonal() {
        return seasonalMean > 0 || seasonalChange > 0;
    }

    /**
     * Raw values before and including the last one that the seasonal terms read ({@link
     * SeasonalMean#values}); 1 (the last value) without them.
     */
    public int historyValues() {
        return seasonal() ? SeasonalMean.values(period) : 1;
    }

    private static void check(String name, double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("a forecast combination's " + name + " weight must "
                    + "be in [0, 1] (0 = not used, 1 = fully), got " + weight);
        }
    }
}
