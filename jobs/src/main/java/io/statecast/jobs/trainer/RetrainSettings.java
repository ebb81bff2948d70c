package io.statecast.jobs.trainer;

import io.statecast.jobs.forecast.ForecastOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/** The retraining settings, taken once from the job's configuration (which is also kept, for Kafka look-ups). */
public record RetrainSettings(int windowSteps, int horizon, Duration retrainInterval, int minNewSamples,
        int bufferSteps, int bufferSeries, int iterations, double learningRate, int batchSize,
        double validationFraction, double cpuShare, String modelKey, HashMap<String, String> options)
        implements Serializable {

    public RetrainSettings {
        if (bufferSteps < 2 || bufferSeries < 1 || iterations < 1 || batchSize < 1 || minNewSamples < 0) {
            throw new IllegalArgumentException("buffer steps must be >= 2, buffer series, iterations and batch "
                    + "size >= 1, min new samples >= 0");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        CpuPacer.checkShare(cpuShare);
        if (bufferSteps < RetrainTask.minimumLength(windowSteps, horizon, validationFraction)) {
            throw new IllegalArgumentException("buffer steps (" + bufferSteps + ") must be at least "
                    + RetrainTask.minimumLength(windowSteps, horizon, validationFraction)
                    + " to hold a training and a validation window of " + windowSteps + " steps");
        }
    }

    public static RetrainSettings from(Configuration conf) {
        return new RetrainSettings(conf.get(ForecastOptions.WINDOW_STEPS), conf.get(ForecastOptions.HORIZON),
                conf.get(TrainerOptions.RETRAIN_INTERVAL), conf.get(TrainerOptions.MIN_NEW_SAMPLES),
                conf.get(TrainerOptions.BUFFER_STEPS), conf.get(TrainerOptions.BUFFER_SERIES),
                conf.get(TrainerOptions.ITERATIONS), conf.get(TrainerOptions.LEARNING_RATE),
                conf.get(TrainerOptions.BATCH_SIZE), conf.get(TrainerOptions.VALIDATION_FRACTION),
                conf.get(TrainerOptions.CPU_SHARE),
                conf.get(TrainerOptions.MODEL_KEY), new HashMap<>(conf.toMap()));
    }

    Configuration configuration() {
        return Configuration.fromMap(Map.copyOf(options));
    }
}
