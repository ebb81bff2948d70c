package io.statecast.cli.input;

import java.io.Closeable;
import java.io.IOException;

/** Reads events from a text input one line at a time; bad lines come back as {@link ParsedLine#bad}. */
public interface EventReader extends Closeable {

    /** The next event or bad line, or null at the end of the input. */
    ParsedLine next() throws IOException;
}
