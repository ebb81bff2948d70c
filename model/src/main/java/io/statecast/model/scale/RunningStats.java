package io.statecast.model.scale;

import io.statecast.schemas.ScalerStats;

/**
 * Mean and variance of a stream in one pass (Welford), mergeable across partitions (Chan et al.),
 * and convertible to / from the Avro {@link ScalerStats} stored in snapshots and series state.
 * The variance is the population variance {@code m2 / count}, as the schema defines it. Not
 * thread-safe.
 */
public final class RunningStats {

    private long count;
    private double mean;
    private double m2;

    /** Empty statistics. */
    public RunningStats() {}

    private RunningStats(long count, double mean, double m2) {
        this.count = count;
        this.mean = mean;
        this.m2 = m2;
    }

    /** Statistics restored from Avro; rejects negative counts, negative m2 and non-finite values. */
    public static RunningStats fromAvro(ScalerStats stats) {
        if (stats.getCount() < 0
                || !(stats.getM2() >= 0)
                || !Double.isFinite(stats.getMean())
                || Double.isInfinite(stats.getM2())) {
            throw new IllegalArgumentException(
                    "scaler stats need count >= 0, finite mean and finite m2 >= 0,"
                            + " got count "
                            + stats.getCount()
                            + ", mean "
                            + stats.getMean()
                            + ", m2 "
                            + stats.getM2());
        }
        return new RunningStats(
                stats.getCount(),
                stats.getCount() == 0 ? 0 : stats.getMean(),
                stats.getCount() == 0 ? 0 : stats.getM2());
    }

    public ScalerStats toAvro() {
        return ScalerStats.newBuilder().setCount(count).setMean(mean).setM2(m2).build();
    }

    /** Absorbs one observation; rejects NaN and infinities (they would poison every later value). */
    public RunningStats add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "cannot add non-finite value "
                            + value
                            + " to running statistics; drop or dead-letter it first");
        }
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        return this;
    }

    /** Absorbs another set of statistics, as if its observations had been added here. */
    public RunningStats merge(RunningStats other) {
        if (other.count == 0) {
            return this;
        }
        long total = count + other.count;
        double delta = other.mean - mean;
        mean += delta * other.count / total;
        m2 += other.m2 + delta * delta * ((double) count * other.count / total);
        count = total;
        return this;
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    public double m2() {
        return m2;
    }

    /** Population variance {@code m2 / count}; 0 when empty. */
    public double variance() {
        return count == 0 ? 0 : m2 / count;
    }

    /** The standard scaler of these statistics, its standard deviation floored at {@code minStd}. */
    public StandardScaler toScaler(double minStd) {
        return new StandardScaler(mean, Math.max(Math.sqrt(variance()), minStd));
    }

    public RunningStats copy() {
        return new RunningStats(count, mean, m2);
    }

    @Override
    public String toString() {
        return "RunningStats[count=" + count + ", mean=" + mean + ", variance=" + variance() + "]";
    }
}
