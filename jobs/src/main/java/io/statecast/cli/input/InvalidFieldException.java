package io.statecast.cli.input;

/** A field of an input line that cannot become part of a {@code TimeSeriesEvent}; the message says why. */
final class InvalidFieldException extends Exception {

    InvalidFieldException(String message) {
        super(message, null, false, false);
    }
}
