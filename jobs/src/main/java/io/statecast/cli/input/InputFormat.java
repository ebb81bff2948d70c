package io.statecast.cli.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The input formats of {@code statecast produce}. */
public enum InputFormat {
    csv,
    json;

    /** Opens a reader of this format over a UTF-8 file. */
    public EventReader open(Path file, String source) throws IOException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            return this == csv ? new CsvEventReader(in, source) : new JsonLinesEventReader(in, source);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
