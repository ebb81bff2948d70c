package io.statecast.jobs.testing;

import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.kafka.TopicNames;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** Job options of a pipeline test: its own topics, group and transactional ids, short windows. */
public final class TestJobOptions {

    private TestJobOptions() {}

    public static Configuration forTopics(String bootstrap, TopicNames topics, String suffix, int windowSteps) {
        Configuration conf = new Configuration();
        conf.set(ForecastOptions.BOOTSTRAP_SERVERS, bootstrap);
        conf.set(ForecastOptions.EVENTS_TOPIC, topics.events());
        conf.set(ForecastOptions.FORECASTS_TOPIC, topics.forecasts());
        conf.set(ForecastOptions.MODELS_TOPIC, topics.models());
        conf.set(ForecastOptions.DEADLETTERS_TOPIC, topics.deadLetters());
        conf.set(ForecastOptions.SCORES_TOPIC, topics.scores());
        conf.set(ForecastOptions.GROUP_ID, "it-" + suffix);
        conf.set(ForecastOptions.TRANSACTIONAL_ID_PREFIX, "it-" + suffix);
        conf.set(ForecastOptions.WINDOW_STEPS, windowSteps);
        // Events come in order: a step is released as soon as a later one arrives.
        conf.set(ForecastOptions.MAX_OUT_OF_ORDERNESS, Duration.ZERO);
        conf.set(ForecastOptions.BUNDLE_MAX_LATENCY, Duration.ofMillis(50));
        return conf;
    }
}
