package io.statecast.cli;

/** An error the CLI reports as one line on stderr with its exit code; the message says what to do. */
public final class CliException extends RuntimeException {

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException data(String message) {
        return new CliException(ExitCodes.DATA, message, null);
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message, null);
    }

    public static CliException unavailable(String message, Throwable cause) {
        return new CliException(ExitCodes.UNAVAILABLE, message, cause);
    }

    public static CliException rejected(String message, Throwable cause) {
        return new CliException(ExitCodes.REJECTED, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
