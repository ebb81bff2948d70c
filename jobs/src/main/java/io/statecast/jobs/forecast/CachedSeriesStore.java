package io.statecast.jobs.forecast;

import java.util.HashMap;
import java.util.Map;

/**
 * The series' state as the {@link BundleRunner} sees it, cached between checkpoints over Flink keyed
 * state. A series' {@link WindowProgress} changes with every chunk of its windows, its
 * {@link LiveSeriesState} with every window; rather than a keyed-state read and write each time (with the
 * heap backend: selecting the key, two hash lookups and, while a snapshot runs, a copy; with RocksDB a
 * serialization), each is read once after a checkpoint, kept here, changed in place and written back
 * before the next snapshot ({@link #writeBack}). A write-back forgets everything: the objects then
 * belong to Flink state, and nothing here mutates what an asynchronous snapshot reads. Not thread-safe.
 */
final class CachedSeriesStore implements BundleRunner.SeriesStore {

    /** The keyed state of a series in Flink; each call selects the series' key. */
    interface KeyedSeriesState {
        WindowProgress progress(String key) throws Exception;

        void setProgress(String key, WindowProgress progress) throws Exception;

        LiveSeriesState state(String key) throws Exception;

        void setState(String key, LiveSeriesState state) throws Exception;

        /** Called whenever a series' progress changes: arms its idle expiry, which cannot wait for a checkpoint. */
        void progressed(String key, WindowProgress progress) throws Exception;
    }

    /** What is known of one series since the last write-back. */
    private static final class Slot {
        WindowProgress progress;
        boolean changed;
        /** Whether {@link #state} was read from keyed state (it may be null: a new series). */
        boolean stateRead;
        LiveSeriesState state;
        boolean stateChanged;
    }

    private final KeyedSeriesState keyed;
    private final Map<String, Slot> slots = new HashMap<>();

    CachedSeriesStore(KeyedSeriesState keyed) {
        this.keyed = keyed;
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
    public LiveSeriesState readState(String key) throws Exception {
        Slot slot = slot(key);
        if (!slot.stateRead) {
            slot.state = keyed.state(key);
            slot.stateRead = true;
        }
        return slot.state;
    }

    @Override
    public void writeState(String key, LiveSeriesState state) throws Exception {
        Slot slot = slot(key);
        slot.state = state;
        slot.stateRead = true;
        slot.stateChanged = true;
    }

    /** Writes every changed state to keyed state and forgets all series: call before each snapshot. */
    void writeBack() throws Exception {
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            Slot slot = e.getValue();
            if (slot.changed) {
                keyed.setProgress(e.getKey(), slot.progress);
            }
            if (slot.stateChanged) {
                keyed.setState(e.getKey(), slot.state);
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
