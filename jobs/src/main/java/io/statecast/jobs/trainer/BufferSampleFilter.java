package io.statecast.jobs.trainer;

import io.statecast.jobs.ingest.Event;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/**
 * Drops, right after decoding, the events of series the replay buffer would never keep, so the trainer
 * does not shuffle and window them. The buffer keeps the {@code bufferSeries} series whose ids hash
 * lowest ({@link RetrainFunction}); this subtask passes the series among the {@code bufferSeries}
 * lowest hashes it has seen itself. A series in the buffer's final sample is among those on every
 * subtask, so it is never dropped; a dropped series has {@code bufferSeries} series with lower hashes
 * that were passed, so the buffer would have evicted it anyway. Nothing is checkpointed: after a
 * restart the filter passes more until it has seen enough series again, which is only slower.
 */
public class BufferSampleFilter extends RichFilterFunction<Event> {

    /** Dropped ids remembered (their hash is not computed again) before the memory starts over. */
    static final int DROPPED_IDS_REMEMBERED = 1 << 16;

    private final int bufferSeries;
    private transient Set<String> kept;
    private transient TreeMap<Long, String> keptByHash;
    private transient Set<String> droppedIds;
    private transient Counter dropped;

    public BufferSampleFilter(int bufferSeries) {
        if (bufferSeries < 1) {
            throw new IllegalArgumentException("buffer series must be >= 1, got " + bufferSeries);
        }
        this.bufferSeries = bufferSeries;
    }

    @Override
    public void open(OpenContext context) {
        init();
        dropped = getRuntimeContext().getMetricGroup().counter("eventsOutsideBufferSample");
    }

    void init() {
        kept = new HashSet<>();
        keptByHash = new TreeMap<>();
        droppedIds = new HashSet<>();
    }

    @Override
    public boolean filter(Event event) {
        boolean keep = keep(event.seriesId);
        if (!keep) {
            dropped.inc();
        }
        return keep;
    }

    /** True when {@code series} is among the lowest-hashing {@code bufferSeries} series seen so far. */
    boolean keep(String series) {
        if (kept.contains(series)) {
            return true;
        }
        if (droppedIds.contains(series)) {
            return false;
        }
        long hash = RetrainFunction.hash(series);
        if (keptByHash.containsKey(hash)) {
            return true; // a 64-bit hash shared with a kept id: passed untracked, never dropped wrongly
        }
        if (kept.size() >= bufferSeries) {
            Map.Entry<Long, String> largest = keptByHash.lastEntry();
            if (hash >= largest.getKey()) {
                remember(series);
                return false;
            }
            keptByHash.pollLastEntry();
            kept.remove(largest.getValue());
            remember(largest.getValue());
        }
        keptByHash.put(hash, series);
        kept.add(series);
        return true;
    }

    private void remember(String series) {
        if (droppedIds.size() >= DROPPED_IDS_REMEMBERED) {
            droppedIds.clear();
        }
        droppedIds.add(series);
    }
}
