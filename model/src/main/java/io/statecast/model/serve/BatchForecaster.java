package io.statecast.model.serve;

/**
 * Serves one model to a bundle of series at once: the rows of a preallocated batch are series, each
 * with its own recurrent state. A caller loads states and scaled inputs into rows, runs the bundle for
 * some steps with one batched tensor step per time step, reads the head's outputs and stores the new
 * states back. Owns all its buffers; not thread-safe (one instance per operator instance).
 */
public interface BatchForecaster extends AutoCloseable {

    /** Version of the ModelSnapshot being served. */
    long version();

    /** Inputs per step (the value, then covariates). */
    int inputSize();

    /** Forecast horizon h. */
    int horizon();

    /** True when the head gives a log-variance per horizon step (prediction intervals). */
    boolean hasIntervals();

    /** Floats in one series' recurrent state (layers × H, or layers × 2H for LSTM). */
    int stateSize();

    /** Rows (series) one run can hold. */
    int capacity();

    /** Loads a series' state into a row; {@code null} means a cold (zero) state. */
    void loadState(int row, float[] state);

    /** Copies a row's state out into {@code out} (length {@link #stateSize()}). */
    void storeState(int row, float[] out);

    /** Sets the scaled inputs of one row at one step: {@code inputSize()} values from {@code values[offset..]}. */
    void setInput(int row, int step, double[] values, int offset);

    /**
     * Runs rows {@code [0, rows)} through steps {@code [0, steps)} of their inputs, then the head on the last
     * step. {@code steps} may be at most the capacity in steps given at construction.
     */
    void run(int rows, int steps);

    /** The head's mean for a row and horizon step (scaled units), after {@link #run}. */
    double mean(int row, int step);

    /**
     * The scaled value (input 0) a row read at the last step of the last {@link #run}, for
     * forecast combinations that use the last change; NaN when unknown (the default).
     */
    default double lastInput(int row) {
        return Double.NaN;
    }

    /** The head's standard deviation for a row and horizon step (scaled units); only with intervals. */
    double stdDev(int row, int step);

    @Override
    void close();
}
