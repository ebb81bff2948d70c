package io.statecast.jobs.forecast;

import io.statecast.schemas.SeriesState;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.util.HashMap;
import java.util.Map;

/**
 * The series' state as the {@link BundleRunner} sees it, cached between checkpoints over Flink keyed
 * state. A series' {@link WindowProgress} changes with every chunk of its windows; rather than a
 * keyed-state read and write per chunk (with the heap backend: selecting the key, two hash lookups and,
 * while a snapshot runs, a copy), it is read once after a checkpoint, kept here and written back before
 * the next snapshot ({@link #writeBack}). The Avro {@link SeriesState} is read and written through, once
 * per window; its decoded object is not kept: the compact encoded bytes are what outlives a window, so
 * young garbage collections have less to copy. A write-back forgets everything: the progress objects
 * then belong to Flink state, and nothing here mutates what an asynchronous snapshot reads. Not
 * thread-safe.
 */
final class CachedSeriesStore implements BundleRunner.SeriesStore {

    /** The keyed state of a series in Flink; each call selects the series' key. */
    interface KeyedSeriesState {
        WindowProgress progress(String key) throws Exception;

        void setProgress(String key, WindowProgress progress) throws Exception;

        /** The encoded series state, or null. */
        byte[] state(String key) throws Exception;

        void setState(String key, byte[] encoded) throws Exception;

        /** Called whenever a series' progress changes: arms its idle expiry, which cannot wait for a checkpoint. */
        void progressed(String key, WindowProgress progress) throws Exception;
    }

    /** What is known of one series since the last write-back. */
    private static final class Slot {
        WindowProgress progress;
        boolean changed;
    }

    private final KeyedSeriesState keyed;
    private final SingleObjectCodec<SeriesState> codec;
    private final Map<String, Slot> slots = new HashMap<>();

    CachedSeriesStore(KeyedSeriesState keyed, SingleObjectCodec<SeriesState> codec) {
        this.keyed = keyed;
        this.codec = codec;
    }

    @Override
    public WindowProgress readProgress(String key) throws Exception {
        return slot(key).progress;
    }

    @Override
    public void writeProgress(String key, WindowProgress progress) throws Exception {
        Slot slot = slot(key);
        slot.progress = progress;
        slot.changed = true;
        keyed.progressed(key, progress);
    }

    @Override
    public SeriesState readState(String key) throws Exception {
        byte[] bytes = keyed.state(key);
        return bytes == null ? null : codec.decode(bytes);
    }

    @Override
    public void writeState(String key, SeriesState state) throws Exception {
        keyed.setState(key, codec.encode(state));
    }

    /** Writes every changed progress to keyed state and forgets all series: call before each snapshot. */
    void writeBack() throws Exception {
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            if (e.getValue().changed) {
                keyed.setProgress(e.getKey(), e.getValue().progress);
            }
        }
        slots.clear();
    }

    /** Forgets a series whose keyed state is being cleared. */
    void forget(String key) {
        slots.remove(key);
    }

    private Slot slot(String key) throws Exception {
        Slot slot = slots.get(key);
        if (slot == null) {
            slot = new Slot();
            slot.progress = keyed.progress(key);
            slots.put(key, slot);
        }
        return slot;
    }
}
