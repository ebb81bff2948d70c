package io.statecast.jobs.ingest;

import io.statecast.schemas.TimeSeriesEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The checks a decoded event must pass before it may reach a model. */
public final class EventValidator {

    /** Longest series id accepted, in UTF-8 bytes (Kafka keys and state keys stay small). */
    public static final int MAX_SERIES_ID_BYTES = 256;

    /** A failed check: a metric label and a sentence. */
    public record Problem(String category, String reason) {}

    private EventValidator() {}

    /** Null when the event is usable, else what is wrong with it. */
    public static Problem check(TimeSeriesEvent e) {
        String id = e.getSeriesId();
        if (id == null || id.isBlank()) {
            return new Problem("empty_series_id", "series_id is empty");
        }
        int idBytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (idBytes > MAX_SERIES_ID_BYTES) {
            return new Problem("oversized_series_id", "series_id is " + idBytes + " bytes, over the "
                    + MAX_SERIES_ID_BYTES + "-byte limit");
        }
        if (!Double.isFinite(e.getValue())) {
            return new Problem("non_finite_value", "value is " + e.getValue() + "; only finite values can be forecast");
        }
        List<Double> covariates = e.getCovariates();
        for (int i = 0; i < covariates.size(); i++) {
            Double c = covariates.get(i);
            if (c == null || !Double.isFinite(c)) {
                return new Problem("non_finite_covariate", "covariate " + i + " is " + c);
            }
        }
        return null;
    }
}
