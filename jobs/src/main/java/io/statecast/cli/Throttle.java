package io.statecast.cli;

import java.util.concurrent.locks.LockSupport;

/** Holds a loop to a target rate: the n-th call returns no earlier than start + n / rate. */
final class Throttle {

    private final double nanosPerPermit;
    private final long start = System.nanoTime();
    private long permits;

    /** @param perSecond target rate; 0 means unthrottled */
    Throttle(double perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0, got " + perSecond);
        }
        this.nanosPerPermit = perSecond == 0 ? 0 : 1e9 / perSecond;
    }

    void acquire() {
        if (nanosPerPermit == 0) {
            return;
        }
        long due = start + (long) (++permits * nanosPerPermit);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
