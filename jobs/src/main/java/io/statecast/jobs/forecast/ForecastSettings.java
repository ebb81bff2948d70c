package io.statecast.jobs.forecast;

import io.statecast.model.serve.ServingModel;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** The operator-side settings of the ForecastJob, taken from {@link ForecastOptions} once. */
public record ForecastSettings(int windowSteps, int horizon, int bundleMaxSize, int stepSeries,
        Duration bundleMaxLatency, Duration stateTtl, SwapPolicy swapPolicy, int rewarmSteps) implements Serializable {

    /** What happens to a series' hidden state when the model changes. */
    public enum SwapPolicy {
        /** Replay the series' recent inputs through the new model (default). */
        REWARM,
        /** Start the series cold under the new model. */
        RESET,
        /** Keep the old hidden state (only sound when the new model is a small update of the old). */
        KEEP
    }

    public ForecastSettings {
        if (windowSteps < 1 || horizon < 1 || bundleMaxSize < 1 || stepSeries < 1 || rewarmSteps < 0) {
            throw new IllegalArgumentException("window steps, horizon, bundle size and series per step must be >= 1"
                    + " and rewarm steps >= 0, got " + windowSteps + ", " + horizon + ", " + bundleMaxSize + ", "
                    + stepSeries + ", " + rewarmSteps);
        }
    }

    /** Rows of the model's batch: series in one tensor step. */
    public int batchRows() {
        return Math.min(bundleMaxSize, stepSeries);
    }

    /**
     * Checks the job can serve {@code model}: its window and horizon are the job's (any value transform
     * is served: the operator transforms inputs and decodes forecasts as the model says).
     *
     * @throws IllegalArgumentException saying what disagrees and what to do
     */
    public void checkServable(ServingModel model) {
        model.checkFits(windowSteps, horizon);
    }

    public static ForecastSettings from(Configuration conf) {
        ForecastOptions.validate(conf);
        return new ForecastSettings(conf.get(ForecastOptions.WINDOW_STEPS), conf.get(ForecastOptions.HORIZON),
                conf.get(ForecastOptions.BUNDLE_MAX_SIZE), conf.get(ForecastOptions.BUNDLE_STEP_SERIES),
                conf.get(ForecastOptions.BUNDLE_MAX_LATENCY),
                conf.get(ForecastOptions.STATE_TTL),
                SwapPolicy.valueOf(conf.get(ForecastOptions.SWAP_POLICY).toUpperCase()),
                conf.get(ForecastOptions.REWARM_STEPS));
    }
}
