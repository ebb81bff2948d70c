package io.statecast.cli.input;

import java.util.HashMap;
import java.util.Map;

/**
 * How far {@code produce --loop} moves event time forward on each replay of a file, so that event time
 * keeps increasing for every series: the span of the file (latest minus earliest timestamp) plus the
 * smallest step between two consecutive events of one series. Every series moves by the same amount,
 * so series stay aligned with each other; it is learnt during the first pass.
 */
public final class LoopShift {

    /** When no series has two events, replays are one second apart. */
    private static final long DEFAULT_STEP_MS = 1000;

    private final Map<String, Long> lastBySeries = new HashMap<>();
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long smallestStep = Long.MAX_VALUE;

    public void observe(String seriesId, long timestamp) {
        min = Math.min(min, timestamp);
        max = Math.max(max, timestamp);
        Long last = lastBySeries.put(seriesId, timestamp);
        if (last != null && timestamp > last) {
            smallestStep = Math.min(smallestStep, timestamp - last);
        }
    }

    /** Milliseconds added per replay; call after the first pass (needs at least one event). */
    public long periodMillis() {
        if (min > max) {
            throw new IllegalStateException("no events observed; nothing to loop over");
        }
        long step = smallestStep == Long.MAX_VALUE ? DEFAULT_STEP_MS : smallestStep;
        return Math.addExact(max - min, step);
    }
}
