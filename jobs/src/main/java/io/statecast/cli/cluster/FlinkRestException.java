package io.statecast.cli.cluster;

/** A Flink REST call that failed: the JobManager could not be reached, or it answered with an error. */
public final class FlinkRestException extends RuntimeException {

    private final boolean unreachable;

    private FlinkRestException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    static FlinkRestException unreachable(String message, Throwable cause) {
        return new FlinkRestException(message, true, cause);
    }

    /** The cluster's answer: {@code summary} is what to show, {@code fullText} (stack traces) the cause. */
    static FlinkRestException rejected(String summary, String fullText) {
        return new FlinkRestException(summary, false, new RuntimeException(fullText));
    }

    /** True when no answer came (connection refused, timeout); false when the cluster rejected the call. */
    public boolean unreachable() {
        return unreachable;
    }
}
