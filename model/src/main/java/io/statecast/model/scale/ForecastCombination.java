package io.statecast.model.scale;

/**
 * How a series' served forecast combines the network's forecast with two simple ones, on the
 * scale of {@link ValueTransforms#change} (log changes under LOG_DIFFERENCE, differences
 * otherwise): the next change is {@code network · (network's change) + lastChange · (last
 * change)}, added to the last value; horizon step k uses {@code lastChange^k} (an AR(1) on the
 * changes). (0, 0) is the naive forecast, (1, 0) the network's unchanged. The last change is
 * known only under differencing transforms; LEVEL models use {@code lastChange} 0.
 *
 * @param network weight in [0, 1] of the network's forecast change
 * @param lastChange weight in [0, 1] of the series' last change
 */
public record ForecastCombination(double network, double lastChange) {

    /** The network's forecast unchanged. */
    public static final ForecastCombination NETWORK = new ForecastCombination(1, 0);

    public ForecastCombination {
        check("network", network);
        check("last-change", lastChange);
    }

    private static void check(String name, double weight) {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("a forecast combination's " + name + " weight must "
                    + "be in [0, 1] (0 = not used, 1 = fully), got " + weight);
        }
    }
}
