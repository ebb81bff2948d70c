package io.statecast.model.train;

import io.statecast.model.scale.SeriesScalers;
import io.statecast.model.scale.StandardScaler;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ScalerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training and validation windows cut from per-series histories. Each series is split by time:
 * its first {@code 1 − validationFraction} values are training data (the scalers are fitted on
 * them only), the rest is held out. A window starting at s reads {@code burnIn} values before s,
 * n input values from s, and targets after them: PER_STEP the series shifted by one step
 * (s+1 … s+n), the other heads the next h values (s+n … s+n+h−1). Training windows lie wholly
 * in the training part; validation windows have every target in the held-out part (their inputs
 * and burn-in may read earlier values). Series are visited in id order, so runs are repeatable.
 */
final class SeriesWindows {

    private final TrainerConfig config;
    private final SeriesScalers scalers;
    private final List<double[]> scaled = new ArrayList<>();
    private final List<Double> stds = new ArrayList<>();
    private final long[] training;
    // Series i's training windows are training[seriesFrom[i], seriesFrom[i + 1]) (for balancing).
    private final int[] seriesFrom;
    private final long[] validation;

    /**
     * @param scalers a warm start's scalers (series without statistics of their own get those of
     *     their training part added), or {@code null} to fit them on the training parts
     */
    SeriesWindows(Map<String, double[]> series, TrainerConfig config, SeriesScalers scalers) {
        this.config = config;
        Map<String, double[]> sorted = checked(series);
        Map<String, double[]> trainingParts = new TreeMap<>();
        sorted.forEach((id, v) -> trainingParts.put(id,
                java.util.Arrays.copyOf(v, trainingEnd(v.length))));
        this.scalers = scalers != null ? withOwnStatistics(scalers, trainingParts)
                : fit(trainingParts);
        List<Long> train = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, double[]> e : sorted.entrySet()) {
            if (from.isEmpty() || from.get(from.size() - 1) < train.size()) {
                from.add(train.size());
            }
            StandardScaler scaler = this.scalers.scalerFor(e.getKey());
            double[] values = e.getValue();
            double[] z = new double[values.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = scaler.transform(values[i]);
            }
            scaled.add(z);
            stds.add(scaler.std());
            int trainEnd = trainingEnd(values.length);
            for (int s = config.burnIn(); lastTarget(s) < values.length; s++) {
                if (lastTarget(s) < trainEnd) {
                    train.add(encode(index, s));
                } else if (firstTarget(s) >= trainEnd) {
                    held.add(encode(index, s));
                }
            }
            index++;
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training window: a window needs burnIn + "
                    + "windowSteps + " + (config.head() == HeadType.PER_STEP ? "1" : "horizon")
                    + " = " + (lastTarget(config.burnIn()) + 1) + " values in the training part "
                    + "(first " + (1 - config.validationFraction()) + ") of a series; lower "
                    + "burnIn, windowSteps or validationFraction, or supply longer series");
        }
        if (config.validationFraction() > 0 && held.isEmpty()) {
            throw new IllegalArgumentException("no validation window: no series has "
                    + "windowSteps + burnIn values before a held-out target; raise "
                    + "validationFraction, lower windowSteps or burnIn, or set "
                    + "validationFraction 0 to train without validation");
        }
        this.training = train.stream().mapToLong(Long::longValue).toArray();
        if (from.get(from.size() - 1) < training.length) {
            from.add(training.length);
        }
        this.seriesFrom = from.stream().mapToInt(Integer::intValue).toArray();
        this.validation = held.stream().mapToLong(Long::longValue).toArray();
    }

    private static Map<String, double[]> checked(Map<String, double[]> series) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("training needs at least one series of values");
        }
        Map<String, double[]> sorted = new TreeMap<>();
        series.forEach((id, values) -> {
            if (id == null || values == null) {
                throw new IllegalArgumentException("series ids and value arrays must not be null");
            }
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("series '" + id + "' has a non-finite value "
                            + values[i] + " at index " + i + "; drop or fill it before training");
                }
            }
            sorted.put(id, values);
        });
        return sorted;
    }

    /**
     * Gives every series {@code scalers} have no statistics of their own for the statistics of its
     * training part. The forecast operator scales such a series by its own online statistics, not
     * the global ones, so a warm-started candidate must be trained and judged that way; the
     * candidate's snapshot then holds these statistics and serves the series exactly as trained.
     */
    private static SeriesScalers withOwnStatistics(SeriesScalers scalers,
            Map<String, double[]> trainingParts) {
        if (scalers.kind() == ScalerKind.NONE) {
            return scalers;
        }
        trainingParts.forEach((id, values) -> {
            if (!scalers.hasOwnStatistics(id)) {
                for (double v : values) {
                    scalers.add(id, v);
                }
            }
        });
        return scalers;
    }

    private SeriesScalers fit(Map<String, double[]> trainingParts) {
        return switch (config.scaler()) {
            case STANDARD -> SeriesScalers.fit(trainingParts, config.warmupSteps(),
                    config.minStd());
            case NONE -> new SeriesScalers(config.scaler(), config.warmupSteps(), config.minStd());
        };
    }

    private int trainingEnd(int length) {
        return length - (int) Math.floor(length * config.validationFraction());
    }

    private int firstTarget(int start) {
        return config.head() == HeadType.PER_STEP ? start + 1 : start + config.windowSteps();
    }

    private int lastTarget(int start) {
        return start + config.windowSteps() - 1 + config.horizon();
    }

    private static long encode(int series, int start) {
        return (long) series << 32 | start;
    }

    /** Every series' scaled values, in id order. */
    List<double[]> scaledSeries() {
        return scaled;
    }

    /** The std of series {@code i}'s scaler (in id order). */
    double std(int i) {
        return stds.get(i);
    }

    /** Index of the first held-out value of a series of {@code length} values. */
    int heldOutFrom(int length) {
        return trainingEnd(length);
    }

    /** The scalers the values were scaled with. */
    SeriesScalers scalers() {
        return scalers;
    }

    int trainingWindows() {
        return training.length;
    }

    int validationWindows() {
        return validation.length;
    }

    /**
     * {@code size} training windows drawn with replacement: uniformly, or (balanceSeries) a series
     * uniformly among those with training windows, then one of its windows uniformly.
     */
    WindowBatch randomTrainingBatch(SplittableRandom random, int size) {
        long[] picked = new long[size];
        for (int i = 0; i < size; i++) {
            if (config.balanceSeries()) {
                int series = random.nextInt(seriesFrom.length - 1);
                picked[i] = training[random.nextInt(seriesFrom[series], seriesFrom[series + 1])];
            } else {
                picked[i] = training[random.nextInt(training.length)];
            }
        }
        return batch(picked);
    }

    /** At most {@code max} validation windows evenly spread over all, in fixed batches. */
    List<WindowBatch> validationBatches(int max, int size) {
        return evenlySpread(validation, max, size);
    }

    /** At most {@code max} training windows evenly spread over all, in fixed batches. */
    List<WindowBatch> trainingBatches(int max, int size) {
        return evenlySpread(training, max, size);
    }

    private List<WindowBatch> evenlySpread(long[] windows, int max, int size) {
        int count = Math.min(max, windows.length);
        long[] picked = new long[count];
        for (int i = 0; i < count; i++) {
            picked[i] = windows[(int) ((long) i * windows.length / count)];
        }
        return batches(picked, size);
    }

    private List<WindowBatch> batches(long[] windows, int size) {
        List<WindowBatch> out = new ArrayList<>();
        for (int from = 0; from < windows.length; from += size) {
            out.add(batch(java.util.Arrays.copyOfRange(windows, from,
                    Math.min(windows.length, from + size))));
        }
        return out;
    }

    private WindowBatch batch(long[] windows) {
        int b = windows.length;
        int n = config.windowSteps();
        int burn = config.burnIn();
        boolean perStep = config.head() == HeadType.PER_STEP;
        int targetWidth = perStep ? n : config.horizon();
        double[] burnIn = new double[b * burn];
        double[] inputs = new double[b * n];
        double[] targets = new double[b * targetWidth];
        for (int r = 0; r < b; r++) {
            double[] z = scaled.get((int) (windows[r] >>> 32));
            int s = (int) windows[r];
            System.arraycopy(z, s - burn, burnIn, r * burn, burn);
            System.arraycopy(z, s, inputs, r * n, n);
            System.arraycopy(z, firstTarget(s), targets, r * targetWidth, targetWidth);
        }
        DataType type = config.dataType();
        return new WindowBatch(
                burn == 0 ? null : Nd4j.create(burnIn, new long[] {b, burn, 1}, type),
                Nd4j.create(inputs, new long[] {b, n, 1}, type),
                Nd4j.create(targets, perStep ? new long[] {b, n, 1}
                        : new long[] {b, targetWidth}, type));
    }
}
