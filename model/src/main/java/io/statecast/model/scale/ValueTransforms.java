package io.statecast.model.scale;

import io.statecast.schemas.ValueTransform;

/**
 * The {@link ValueTransform} of a snapshot: what the network reads and forecasts, before the scaler.
 * LEVEL passes values through; DIFFERENCE gives {@code x_t - x_{t-1}}; LOG_DIFFERENCE gives
 * {@code ln x_t - ln x_{t-1}}. The differencing transforms need the previous value, so a series'
 * first value only primes them. Training ({@link #apply}) and serving ({@link #forward},
 * {@link #inverse}) both go through here, so they cannot drift apart.
 */
public final class ValueTransforms {

    private ValueTransforms() {}

    /** Leading values of a series consumed before the first transformed value: 0 or 1. */
    public static int lag(ValueTransform transform) {
        return transform == ValueTransform.LEVEL ? 0 : 1;
    }

    /**
     * The transformed value of {@code value} after {@code previous} (ignored by LEVEL).
     *
     * @throws IllegalArgumentException for a non-positive value under LOG_DIFFERENCE
     */
    public static double forward(ValueTransform transform, double previous, double value) {
        return switch (transform) {
            case LEVEL -> value;
            case DIFFERENCE -> value - previous;
            case LOG_DIFFERENCE -> log(value) - log(previous);
        };
    }

    /**
     * A raw value from the last raw value and a transformed forecast: the level itself (LEVEL), or
     * the last value plus the cumulative change (DIFFERENCE) or times its exponential (LOG).
     */
    public static double inverse(ValueTransform transform, double last, double cumulative) {
        return switch (transform) {
            case LEVEL -> cumulative;
            case DIFFERENCE -> last + cumulative;
            case LOG_DIFFERENCE -> last * Math.exp(cumulative);
        };
    }

    /**
     * True when {@code value} can enter the transform: any value for LEVEL and DIFFERENCE, a
     * positive one for LOG_DIFFERENCE (both as the value and as the previous one).
     */
    public static boolean defined(ValueTransform transform, double value) {
        return transform != ValueTransform.LOG_DIFFERENCE || value > 0;
    }

    /**
     * The change from {@code last} to {@code value} on the scale a
     * {@link ForecastCombination} weighs:
     * the log change under LOG_DIFFERENCE, the difference otherwise.
     */
    public static double change(ValueTransform transform, double last, double value) {
        return transform == ValueTransform.LOG_DIFFERENCE
                ? log(value) - log(last) : value - last;
    }

    /** True when horizon step k's forecast adds the changes of steps 1..k (differencing). */
    public static boolean cumulative(ValueTransform transform) {
        return transform != ValueTransform.LEVEL;
    }

    /** The transformed series: a copy (LEVEL) or one value shorter (differencing). */
    public static double[] apply(ValueTransform transform, double[] values) {
        int lag = lag(transform);
        if (values.length < lag) {
            return new double[0];
        }
        double[] out = new double[values.length - lag];
        for (int i = 0; i < out.length; i++) {
            out[i] = forward(transform, lag == 0 ? Double.NaN : values[i], values[i + lag]);
        }
        return out;
    }

    private static double log(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("LOG_DIFFERENCE needs positive values, got " + value
                    + "; use DIFFERENCE for series that can be zero or negative");
        }
        return Math.log(value);
    }
}
