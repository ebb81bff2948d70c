package io.statecast.jobs.forecast;

import io.statecast.model.scale.RunningStats;
import io.statecast.model.scale.StandardScaler;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.schemas.ValueTransform;

/**
 * Turns a series' raw input steps (value first, then covariates) into what the served model reads:
 * the value through the model's {@link ValueTransform} ({@link ValueTransforms}, the code training
 * and the offline backtest use), then scaled; covariates pass through. A differencing transform needs
 * the value before each step: the series' previous value, or within a run the step before; without
 * a previous value a run's first step only primes the transform, so it gives one model step fewer.
 * One instance per served model; reuses one step buffer, not thread-safe.
 */
final class TransformedInputs {

    private final ValueTransform transform;
    private final int inputSize;
    private final double[] step;

    TransformedInputs(ValueTransform transform, int inputSize) {
        this.transform = transform;
        this.inputSize = inputSize;
        this.step = new double[inputSize];
    }

    ValueTransform transform() {
        return transform;
    }

    /**
     * The value a series' next step continues from: its last remembered value, or NaN when there is none
     * (NaN) or the transform is not defined for it (a value remembered under another model).
     */
    double previous(double last) {
        return !Double.isNaN(last) && ValueTransforms.defined(transform, last) ? last : Double.NaN;
    }

    /** The first of raw steps {@code [0, steps)} from which the transform is defined for every value. */
    int definedFrom(double[] raw, int steps) {
        for (int j = steps - 1; j >= 0; j--) {
            if (!ValueTransforms.defined(transform, raw[j * inputSize])) {
                return j + 1;
            }
        }
        return 0;
    }

    /** Model steps that {@code rawSteps} raw steps give after {@code previous} (NaN: none); may be 0. */
    int modelSteps(double previous, int rawSteps) {
        return Math.max(0, rawSteps - primingSteps(previous));
    }

    /**
     * Sets a forecaster row's steps {@code 0..} to the scaled model inputs of raw steps
     * {@code [from, from + rawSteps)} of {@code raw}, continuing from {@code previous}.
     */
    void load(BatchForecaster forecaster, int row, double[] raw, int from, int rawSteps, double previous,
            StandardScaler scale) {
        int skip = primingSteps(previous);
        for (int s = 0; s < rawSteps - skip; s++) {
            int j = from + skip + s;
            System.arraycopy(raw, j * inputSize, step, 0, inputSize);
            step[0] = scale.transform(value(raw, from, j, previous));
            forecaster.setInput(row, s, step, 0);
        }
    }

    /** Adds the transformed values of raw steps {@code [0, rawSteps)} after {@code previous} to {@code stats}. */
    void absorb(RunningStats stats, double[] raw, int rawSteps, double previous) {
        for (int j = primingSteps(previous); j < rawSteps; j++) {
            stats.add(value(raw, 0, j, previous));
        }
    }

    private int primingSteps(double previous) {
        return Double.isNaN(previous) ? ValueTransforms.lag(transform) : 0;
    }

    private double value(double[] raw, int from, int j, double previous) {
        double before = j == from ? previous : raw[(j - 1) * inputSize];
        return ValueTransforms.forward(transform, before, raw[j * inputSize]);
    }
}
