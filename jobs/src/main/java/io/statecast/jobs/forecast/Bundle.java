package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The chunks waiting for the next batched step, by series in arrival order. A series can have several
 * chunks in one bundle; they are handed out in rounds (at most one per series, each series' oldest first)
 * so a series' state advances through them in order. A series' waiting chunks are kept in the series'
 * own {@link Member} (its cache slot): adding a chunk costs no lookup beyond the one that found the series.
 */
final class Bundle<S extends Bundle.Member> {

    /** What the bundle keeps in a series: its waiting chunks. */
    abstract static class Member {
        /** The oldest waiting chunk, null when none waits. */
        private Sequence first;
        /** Later ones, oldest first (a series rarely has two in one bundle). */
        private ArrayDeque<Sequence> more;

        /** Whether chunks of this series wait in a bundle. */
        boolean waiting() {
            return first != null;
        }

        /** Queues a chunk; true when it is the only one waiting. */
        boolean offer(Sequence chunk) {
            if (first == null) {
                first = chunk;
                return true;
            }
            if (more == null) {
                more = new ArrayDeque<>(2);
            }
            more.add(chunk);
            return false;
        }

        /** Removes and returns the oldest waiting chunk. */
        Sequence take() {
            Sequence taken = first;
            first = more == null ? null : more.poll();
            return taken;
        }
    }

    /** The series with waiting chunks, each once, in the order their oldest waiting chunk arrived. */
    private final ArrayDeque<S> queue = new ArrayDeque<>();
    private int size;
    private long firstArrival = -1;

    void add(S series, Sequence chunk, long now) {
        if (series.offer(chunk)) {
            queue.add(series);
        }
        if (size++ == 0) {
            firstArrival = now;
        }
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Processing time the oldest waiting chunk arrived, or -1 when empty. */
    long firstArrival() {
        return firstArrival;
    }

    /**
     * Moves the next round into {@code series} and {@code chunks} (cleared first, same order): at most one
     * chunk per series, at most {@code max} of them. A series with chunks left waits behind the others.
     */
    void nextRound(int max, List<S> series, List<Sequence> chunks) {
        series.clear();
        chunks.clear();
        int n = Math.min(max, queue.size());
        for (int i = 0; i < n; i++) {
            S s = queue.poll();
            series.add(s);
            chunks.add(s.take());
            if (s.waiting()) {
                queue.add(s);
            }
        }
        size -= n;
        if (size == 0) {
            firstArrival = -1;
        }
    }
}
