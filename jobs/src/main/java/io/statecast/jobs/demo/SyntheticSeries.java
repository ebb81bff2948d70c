package io.statecast.jobs.demo;

import java.util.SplittableRandom;

/**
 * A deterministic synthetic series, sensor-like (daily seasonality, slow trend, noise) or price-like
 * (geometric random walk with drift and volatility regimes), both with occasional regime shifts (a level
 * jump). The same seed gives the same values, so a demo or a benchmark can be replayed.
 */
public final class SyntheticSeries {

    /** Kind of signal. */
    public enum Kind { SENSOR, PRICE }

    private static final int SEASON = 24;
    private static final double SHIFT_PROBABILITY = 0.002;

    private final Kind kind;
    private final SplittableRandom random;
    private final double amplitude;
    private final double phase;
    private final double trend;
    private final double noise;
    private double level;
    private double volatility;
    private long step;

    public SyntheticSeries(Kind kind, long seed) {
        this.kind = kind;
        this.random = new SplittableRandom(seed);
        this.amplitude = 2 + 8 * random.nextDouble();
        this.phase = random.nextDouble() * 2 * Math.PI;
        this.trend = (random.nextDouble() - 0.5) * 0.02;
        this.noise = 0.2 + 0.5 * random.nextDouble();
        this.level = kind == Kind.PRICE ? 50 + 100 * random.nextDouble() : 20 + 20 * random.nextDouble();
        this.volatility = 0.005 + 0.01 * random.nextDouble();
    }

    /** The i-th series of a demo population: alternately sensors and prices, each with its own seed. */
    public static SyntheticSeries nth(int i, long seed) {
        return new SyntheticSeries(i % 2 == 0 ? Kind.SENSOR : Kind.PRICE, seed * 1_000_003L + i);
    }

    public Kind kind() {
        return kind;
    }

    /** The next value. */
    public double next() {
        step++;
        if (random.nextDouble() < SHIFT_PROBABILITY) {
            level += (random.nextDouble() - 0.5) * (kind == Kind.PRICE ? 0.2 * level : 4 * amplitude);
            volatility = 0.005 + 0.02 * random.nextDouble();
        }
        if (kind == Kind.PRICE) {
            level *= Math.exp(0.0002 + volatility * gaussian());
            return level;
        }
        level += trend;
        return level + amplitude * Math.sin(2 * Math.PI * step / SEASON + phase) + noise * gaussian();
    }

    private double gaussian() {
        return random.nextGaussian();
    }
}
