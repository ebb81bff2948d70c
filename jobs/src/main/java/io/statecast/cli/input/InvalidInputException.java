package io.statecast.cli.input;

import java.io.IOException;

/** The input as a whole cannot be read (no header, broken quoting): no line after it can be trusted. */
public final class InvalidInputException extends IOException {

    public InvalidInputException(String message) {
        super(message);
    }
}
