package io.statecast.kafka;

import java.util.List;
import java.util.Objects;

/**
 * The Statecast topics of one deployment. {@link #DEFAULT} uses the names in {@link Topics};
 * tests use {@link #withSuffix} so that every test has topics of its own.
 */
public record TopicNames(String events, String forecasts, String models, String deadLetters, String scores) {

    public static final TopicNames DEFAULT =
            new TopicNames(Topics.EVENTS, Topics.FORECASTS, Topics.MODELS, Topics.DEADLETTERS, Topics.SCORES);

    public TopicNames {
        Objects.requireNonNull(events, "events topic");
        Objects.requireNonNull(forecasts, "forecasts topic");
        Objects.requireNonNull(models, "models topic");
        Objects.requireNonNull(deadLetters, "dead-letter topic");
        Objects.requireNonNull(scores, "scores topic");
    }

    /** The default names with {@code "." + suffix} appended, e.g. {@code statecast.events.t42}. */
    public static TopicNames withSuffix(String suffix) {
        return new TopicNames(Topics.EVENTS + "." + suffix, Topics.FORECASTS + "." + suffix,
                Topics.MODELS + "." + suffix, Topics.DEADLETTERS + "." + suffix, Topics.SCORES + "." + suffix);
    }

    public List<String> all() {
        return List.of(events, forecasts, models, deadLetters, scores);
    }
}
