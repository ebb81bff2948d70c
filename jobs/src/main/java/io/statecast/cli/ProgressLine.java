package io.statecast.cli;

import java.io.PrintWriter;

/**
 * The progress of a run on stderr: {@code sent 12000 events, 45000 events/s}. On a terminal it is
 * rewritten in place a few times a second; otherwise (a log file, a pipe) one line every 10 s.
 */
final class ProgressLine {

    private final PrintWriter err;
    private final boolean inPlace;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long nextPrint;
    private boolean printed;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.inPlace = terminal;
        this.intervalNanos = terminal ? 250_000_000L : 10_000_000_000L;
        this.nextPrint = start + intervalNanos;
    }

    /** Call per event; prints only when the interval has passed. */
    void update(long sent) {
        long now = System.nanoTime();
        if (now < nextPrint) {
            return;
        }
        nextPrint = now + intervalNanos;
        String line = "sent " + sent + " events, " + Math.round(perSecond(sent, now)) + " events/s";
        if (inPlace) {
            err.print("\r" + line + "   ");
            printed = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends an in-place line so the next output starts on a fresh one. */
    void finish() {
        if (printed) {
            err.println();
            err.flush();
            printed = false;
        }
    }

    double secondsSoFar() {
        return (System.nanoTime() - start) / 1e9;
    }

    double perSecond(long count) {
        return perSecond(count, System.nanoTime());
    }

    private double perSecond(long count, long now) {
        double seconds = (now - start) / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }
}
