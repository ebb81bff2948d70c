package io.statecast.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.schemas.TimeSeriesEvent;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvEventReaderTest {

    private static List<ParsedLine> read(String csv) throws IOException {
        List<ParsedLine> lines = new ArrayList<>();
        try (CsvEventReader reader = new CsvEventReader(new StringReader(csv), "test")) {
            ParsedLine line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static ParsedLine single(String header, String row) throws IOException {
        List<ParsedLine> lines = read(header + "\n" + row + "\n");
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    @Test
    void readsIsoAndEpochTimestampsAndCovariates() throws IOException {
        List<ParsedLine> lines = read("series_id,timestamp,value,temp,load\n"
                + "a,1920-01-01T00:00:00Z,40.6,1.5,-2\n"
                + "b,1700000000123,-3e2,0,7.25\n"
                + "c,2024-03-01T10:00:00+01:00,1,2,3\n");
        assertThat(lines).noneMatch(ParsedLine::isBad);
        TimeSeriesEvent a = lines.get(0).event();
        assertThat(a.getSeriesId()).isEqualTo("a");
        assertThat(a.getTimestamp()).isEqualTo(Instant.parse("1920-01-01T00:00:00Z"));
        assertThat(a.getValue()).isEqualTo(40.6);
        assertThat(a.getCovariates()).containsExactly(1.5, -2.0);
        assertThat(a.getSource()).isEqualTo("test");
        assertThat(lines.get(1).event().getTimestamp().toEpochMilli()).isEqualTo(1700000000123L);
        assertThat(lines.get(1).event().getValue()).isEqualTo(-300.0);
        assertThat(lines.get(2).event().getTimestamp()).isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
        assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(2L, 3L, 4L);
    }

    @Test
    void lineNumbersCountTheHeaderAndSkippedEmptyLines() throws IOException {
        List<ParsedLine> lines = read("series_id,timestamp,value\n\na,1,1\n\nb,2,x\n");
        assertThat(lines).extracting(ParsedLine::lineNumber).containsExactly(3L, 5L);
        assertThat(lines.get(1).describeProblem()).isEqualTo("line 5: value is not a number: 'x'");
    }

    @Test
    void wrongColumnCountIsBad() throws IOException {
        String header = "series_id,timestamp,value,temp";
        assertThat(single(header, "a,1,2").problem()).contains("expected 4 columns", "got 3");
        assertThat(single(header, "a,1,2,3,4").problem()).contains("expected 4 columns", "got 5");
    }

    @Test
    void unparsableNumbersAreBad() throws IOException {
        String header = "series_id,timestamp,value,temp";
        assertThat(single(header, "a,1,abc,1").problem()).isEqualTo("value is not a number: 'abc'");
        assertThat(single(header, "a,1,,1").problem()).isEqualTo("value is empty");
        assertThat(single(header, "a,1,1,zz").problem()).isEqualTo("covariate temp is not a number: 'zz'");
    }

    @Test
    void nonFiniteValuesAreBad() throws IOException {
        String header = "series_id,timestamp,value,temp";
        assertThat(single(header, "a,1,NaN,1").problem()).isEqualTo("value is not finite: NaN");
        assertThat(single(header, "a,1,Infinity,1").problem()).isEqualTo("value is not finite: Infinity");
        assertThat(single(header, "a,1,-Infinity,1").problem()).isEqualTo("value is not finite: -Infinity");
        assertThat(single(header, "a,1,1e999,1").problem()).isEqualTo("value is not finite: Infinity");
        assertThat(single(header, "a,1,1,NaN").problem()).isEqualTo("covariate temp is not finite: NaN");
    }

    @Test
    void unparsableTimestampsAreBad() throws IOException {
        String header = "series_id,timestamp,value";
        assertThat(single(header, "a,yesterday,1").problem()).startsWith("timestamp is neither ISO-8601");
        assertThat(single(header, "a,1920-01-01T00:00:00,1").problem()).contains("with a zone");
        assertThat(single(header, "a,,1").problem()).isEqualTo("timestamp is empty");
        assertThat(single(header, "a,99999999999999999999,1").problem()).contains("out of range");
    }

    @Test
    void emptyOrOversizedSeriesIdIsBad() throws IOException {
        String header = "series_id,timestamp,value";
        assertThat(single(header, ",1,1").problem()).isEqualTo("series_id is empty");
        assertThat(single(header, "  ,1,1").problem()).isEqualTo("series_id is empty");
        assertThat(single(header, "x".repeat(257) + ",1,1").problem()).contains("longer than 256 bytes");
    }

    @Test
    void aMissingOrWrongHeaderFailsTheWholeInput() {
        assertThatThrownBy(() -> read("")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> read("a,1920-01-01T00:00:00Z,40.6\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1: the header must start with series_id,timestamp,value");
        assertThatThrownBy(() -> read("series_id,value\n")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void brokenQuotingFailsTheWholeInput() {
        assertThatThrownBy(() -> read("series_id,timestamp,value\n\"a,1,1\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("malformed CSV");
    }
}
