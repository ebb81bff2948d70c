package io.statecast.cli;

/** Exit codes of every {@code statecast} command. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** Bad input data: a bad line under {@code --strict}, or an input that cannot be parsed at all. */
    public static final int DATA = 1;
    /** Wrong usage: unknown option, bad value, missing file or topic. */
    public static final int USAGE = 2;
    /** A broker cannot be reached, a send failed, or a file cannot be read or written. */
    public static final int UNAVAILABLE = 3;
    /** A bug: an unexpected error (run with --verbose for the stack trace). */
    public static final int INTERNAL = 4;
    /** The Flink cluster rejected a request: a job did not start, a savepoint failed (its reason is printed). */
    public static final int REJECTED = 5;

    private ExitCodes() {}
}
