package io.statecast.schemas.codec;

/**
 * A record that cannot be decoded or encoded. {@link #problem()} says which kind of problem it is, so
 * callers can count and dead-letter by reason; the message says what was wrong and what to do.
 */
public final class CodecException extends RuntimeException {

    /** What went wrong, in categories a dead-letter consumer can act on. */
    public enum Problem {
        /** Null or empty bytes. */
        EMPTY,
        /** Shorter than the 10-byte single-object header, or the body ends early. */
        TRUNCATED,
        /** The first two bytes are not the single-object marker C3 01. */
        BAD_MARKER,
        /** The schema fingerprint is not in the schema store. */
        UNKNOWN_SCHEMA,
        /** The writer's schema cannot be read as the reader's schema. */
        INCOMPATIBLE_SCHEMA,
        /** The body does not parse as the writer's schema, or has bytes left over. */
        MALFORMED,
        /** The record could not be written (a required field is null, say). */
        NOT_ENCODABLE
    }

    private final Problem problem;

    public CodecException(Problem problem, String message) {
        this(problem, message, null);
    }

    public CodecException(Problem problem, String message, Throwable cause) {
        super(problem + ": " + message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
