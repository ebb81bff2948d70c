package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequences waiting for the next batched step, grouped by key in arrival order. A key can have
 * several sequences in one bundle; they are handed out in rounds (each key's oldest first) so a key's
 * state advances through them in order.
 */
final class Bundle {

    private final Map<String, ArrayDeque<Sequence>> byKey = new LinkedHashMap<>();
    private int size;
    private long firstArrival = -1;

    void add(Sequence s, long now) {
        byKey.computeIfAbsent(s.seriesId, k -> new ArrayDeque<>(2)).add(s);
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

    /** Processing time the oldest waiting sequence arrived, or -1 when empty. */
    long firstArrival() {
        return firstArrival;
    }

    /** Removes and returns the next round: at most one sequence per key, at most {@code max} of them. */
    List<Sequence> nextRound(int max) {
        List<Sequence> round = new ArrayList<>(Math.min(max, byKey.size()));
        Iterator<ArrayDeque<Sequence>> it = byKey.values().iterator();
        while (it.hasNext() && round.size() < max) {
            ArrayDeque<Sequence> queue = it.next();
            round.add(queue.poll());
            if (queue.isEmpty()) {
                it.remove();
            }
        }
        size -= round.size();
        if (size == 0) {
            firstArrival = -1;
        }
        return round;
    }
}
