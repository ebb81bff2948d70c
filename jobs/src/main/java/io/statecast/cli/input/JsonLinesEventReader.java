package io.statecast.cli.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statecast.schemas.TimeSeriesEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * JSON lines, one event object per line:
 * {@code {"series_id":"a","timestamp":"2024-01-01T00:00:00Z","value":1.5,"covariates":[0.1],"source":"x"}}.
 * {@code timestamp} is an ISO-8601 string or epoch milliseconds; {@code covariates} and {@code source}
 * are optional; other fields are rejected (a misspelt field should not pass silently). Empty lines
 * are skipped.
 */
public final class JsonLinesEventReader implements EventReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("series_id", "timestamp", "value", "covariates", "source");

    private final BufferedReader input;
    private final String defaultSource;
    private long lineNumber;

    /** @param defaultSource tag for events whose line has no {@code source}, or null */
    public JsonLinesEventReader(BufferedReader input, String defaultSource) {
        this.input = input;
        this.defaultSource = defaultSource;
    }

    @Override
    public ParsedLine next() throws IOException {
        String line;
        do {
            line = input.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
        } while (line.isBlank());
        try {
            return ParsedLine.ok(lineNumber, parse(MAPPER.readTree(line)));
        } catch (JsonProcessingException e) {
            return ParsedLine.bad(lineNumber, "not valid JSON: " + e.getOriginalMessage());
        } catch (InvalidFieldException e) {
            return ParsedLine.bad(lineNumber, e.getMessage());
        }
    }

    private TimeSeriesEvent parse(JsonNode node) throws InvalidFieldException {
        if (!node.isObject()) {
            throw new InvalidFieldException("expected a JSON object, got " + node.getNodeType());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidFieldException("unknown field '" + name + "' (expected " + FIELDS + ")");
            }
        }
        String id = EventFields.seriesId(text(node, "series_id"));
        JsonNode ts = node.get("timestamp");
        long timestamp = ts != null && ts.isIntegralNumber()
                ? ts.longValue() : EventFields.timestamp(text(node, "timestamp"));
        double value = EventFields.finite(number(node.get("value"), "value"), "value");
        List<Double> covariates = new ArrayList<>();
        JsonNode cov = node.get("covariates");
        if (cov != null && !cov.isNull()) {
            if (!cov.isArray()) {
                throw new InvalidFieldException("covariates must be an array of numbers");
            }
            for (int i = 0; i < cov.size(); i++) {
                String field = "covariate " + i;
                covariates.add(EventFields.finite(number(cov.get(i), field), field));
            }
        }
        JsonNode src = node.get("source");
        String source = src == null || src.isNull() ? defaultSource : text(node, "source");
        return new TimeSeriesEvent(id, Instant.ofEpochMilli(timestamp), value, covariates, source);
    }

    private static String text(JsonNode node, String field) throws InvalidFieldException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidFieldException(field + " is missing");
        }
        if (!v.isTextual()) {
            throw new InvalidFieldException(field + " must be a string, got " + v.getNodeType());
        }
        return v.textValue();
    }

    private static double number(JsonNode v, String field) throws InvalidFieldException {
        if (v == null || v.isNull()) {
            throw new InvalidFieldException(field + " is missing");
        }
        if (!v.isNumber()) {
            throw new InvalidFieldException(field + " must be a number, got " + v.getNodeType());
        }
        return v.doubleValue();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
