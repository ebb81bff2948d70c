package io.statecast.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadEventReaderTest {

    private static String csv(int rows) {
        StringBuilder s = new StringBuilder("series_id,timestamp,value\n");
        for (int i = 0; i < rows; i++) {
            s.append("s").append(i % 7).append(',').append(i).append(',').append(i % 5 == 0 ? "bad" : i).append('\n');
        }
        return s.toString();
    }

    @Test
    void yieldsEveryLineInOrderAcrossChunks() throws IOException {
        int rows = 5_000;
        try (EventReader reader = new ReadAheadEventReader(new CsvEventReader(new StringReader(csv(rows)), null))) {
            for (int i = 0; i < rows; i++) {
                ParsedLine line = reader.next();
                assertThat(line.lineNumber()).isEqualTo(i + 2);
                assertThat(line.isBad()).isEqualTo(i % 5 == 0);
                if (!line.isBad()) {
                    assertThat(line.event().getValue()).isEqualTo(i);
                }
            }
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void passesOnTheSourceErrorWhereItHappened() throws IOException {
        EventReader failing = new EventReader() {
            private int calls;

            @Override
            public ParsedLine next() throws IOException {
                if (++calls > 3) {
                    throw new InvalidInputException("broken at 4");
                }
                return ParsedLine.bad(calls, "x");
            }

            @Override
            public void close() {}
        };
        try (EventReader reader = new ReadAheadEventReader(failing)) {
            for (int i = 1; i <= 3; i++) {
                assertThat(reader.next().lineNumber()).isEqualTo(i);
            }
            assertThatThrownBy(reader::next).isInstanceOf(InvalidInputException.class).hasMessage("broken at 4");
        }
    }

    @Test
    void closeBeforeTheEndStopsTheThreadAndClosesTheSource() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        EventReader endless = new EventReader() {
            private long n;

            @Override
            public ParsedLine next() {
                return ParsedLine.bad(++n, "x");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        ReadAheadEventReader reader = new ReadAheadEventReader(endless);
        assertThat(reader.next().lineNumber()).isEqualTo(1);
        reader.close();
        assertThat(closed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("statecast-read-ahead"));
    }
}
