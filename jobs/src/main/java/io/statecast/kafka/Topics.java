package io.statecast.kafka;

/**
 * Topic and consumer-group names shared by the jobs, the CLI and the tests. A deployment that needs
 * other names passes a {@link TopicNames} instead of these defaults.
 */
public final class Topics {

    /** Observations in, Avro {@code TimeSeriesEvent}, keyed by series id. */
    public static final String EVENTS = "statecast.events";
    /** Forecasts out, Avro {@code Forecast}, keyed by series id. */
    public static final String FORECASTS = "statecast.forecasts";
    /** Model snapshots, Avro {@code ModelSnapshot}; compacted so the latest per key survives. */
    public static final String MODELS = "statecast.models";
    /** Records a stage could not process, Avro {@code DeadLetter}, with stage and reason. */
    public static final String DEADLETTERS = "statecast.deadletters";

    /** Optional per-point accuracy of the forecasts, Avro {@code ForecastScore}, keyed by series id. */
    public static final String SCORES = "statecast.scores";

    /** Consumer group of the forecast job. */
    public static final String FORECAST_GROUP = "statecast-forecast";
    /** Consumer group of the training sidecar (reads the events on its own). */
    public static final String TRAINER_GROUP = "statecast-trainer";

    /** Default partitions of the events and forecasts topics. */
    public static final int DEFAULT_PARTITIONS = 4;

    private Topics() {}
}
