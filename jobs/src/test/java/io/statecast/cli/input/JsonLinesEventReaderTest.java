package io.statecast.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.schemas.TimeSeriesEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesEventReaderTest {

    private static List<ParsedLine> read(String text) throws IOException {
        List<ParsedLine> lines = new ArrayList<>();
        try (JsonLinesEventReader reader =
                     new JsonLinesEventReader(new BufferedReader(new StringReader(text)), "default")) {
            ParsedLine line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String problem(String json) throws IOException {
        List<ParsedLine> lines = read(json + "\n");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).isBad()).as("expected %s to be bad", json).isTrue();
        return lines.get(0).problem();
    }

    @Test
    void readsEveryField() throws IOException {
        List<ParsedLine> lines = read(
                "{\"series_id\":\"a\",\"timestamp\":\"1920-01-01T00:00:00Z\",\"value\":40.6,"
                        + "\"covariates\":[1,2.5],\"source\":\"s\"}\n"
                        + "\n"
                        + "{\"series_id\":\"b\",\"timestamp\":1700000000123,\"value\":-1}\n"
                        + "{\"series_id\":\"c\",\"timestamp\":\"1700000000000\",\"value\":0,\"covariates\":null}\n");
        assertThat(lines).noneMatch(ParsedLine::isBad);
        assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(1L, 3L, 4L);
        TimeSeriesEvent a = lines.get(0).event();
        assertThat(a.getTimestamp()).isEqualTo(Instant.parse("1920-01-01T00:00:00Z"));
        assertThat(a.getValue()).isEqualTo(40.6);
        assertThat(a.getCovariates()).containsExactly(1.0, 2.5);
        assertThat(a.getSource()).isEqualTo("s");
        TimeSeriesEvent b = lines.get(1).event();
        assertThat(b.getTimestamp().toEpochMilli()).isEqualTo(1700000000123L);
        assertThat(b.getCovariates()).isEmpty();
        assertThat(b.getSource()).isEqualTo("default");
        assertThat(lines.get(2).event().getTimestamp().toEpochMilli()).isEqualTo(1700000000000L);
    }

    @Test
    void invalidJsonIsBad() throws IOException {
        assertThat(problem("{\"series_id\":\"a\",")).startsWith("not valid JSON");
        assertThat(problem("[1,2]")).isEqualTo("expected a JSON object, got ARRAY");
        // JSON has no NaN; Jackson rejects the token, so it is a JSON error, not a silent NaN.
        assertThat(problem("{\"series_id\":\"a\",\"timestamp\":1,\"value\":NaN}")).startsWith("not valid JSON");
    }

    @Test
    void missingOrMistypedFieldsAreBad() throws IOException {
        assertThat(problem("{\"timestamp\":1,\"value\":1}")).isEqualTo("series_id is missing");
        assertThat(problem("{\"series_id\":\"\",\"timestamp\":1,\"value\":1}")).isEqualTo("series_id is empty");
        assertThat(problem("{\"series_id\":7,\"timestamp\":1,\"value\":1}"))
                .isEqualTo("series_id must be a string, got NUMBER");
        assertThat(problem("{\"series_id\":\"a\",\"value\":1}")).isEqualTo("timestamp is missing");
        assertThat(problem("{\"series_id\":\"a\",\"timestamp\":\"soon\",\"value\":1}"))
                .startsWith("timestamp is neither ISO-8601");
        assertThat(problem("{\"series_id\":\"a\",\"timestamp\":1}")).isEqualTo("value is missing");
        assertThat(problem("{\"series_id\":\"a\",\"timestamp\":1,\"value\":\"1\"}"))
                .isEqualTo("value must be a number, got STRING");
        assertThat(problem("{\"series_id\":\"a\",\"timestamp\":1,\"value\":1e999}"))
                .isEqualTo("value is not finite: Infinity");
        assertThat(problem("{\"series_id\":\"a\",\"timestamp\":1,\"value\":1,\"covariates\":3}"))
                .isEqualTo("covariates must be an array of numbers");
        assertThat(problem("{\"series_id\":\"a\",\"timestamp\":1,\"value\":1,\"covariates\":[1,\"x\"]}"))
                .isEqualTo("covariate 1 must be a number, got STRING");
        assertThat(problem("{\"series_id\":\"a\",\"timestamp\":1,\"value\":1,\"source\":5}"))
                .isEqualTo("source must be a string, got NUMBER");
    }

    @Test
    void unknownFieldsAreBad() throws IOException {
        assertThat(problem("{\"serie_id\":\"a\",\"timestamp\":1,\"value\":1}")).startsWith("unknown field 'serie_id'");
    }
}
