package io.statecast.jobs.forecast;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The series' state as the {@link BundleRunner} sees it, cached over Flink keyed state. A series'
 * {@link WindowProgress} changes with every chunk of its windows, its {@link LiveSeriesState} with every
 * window; rather than a keyed-state read and write each time (with the heap backend: selecting the key,
 * two hash lookups and, after a snapshot, a reflective copy; with RocksDB a serialization), each is read
 * once, kept here, changed in place, and written to keyed state before each snapshot
 * ({@link #writeBack}); an object once written is copied before it changes again, so an asynchronous
 * snapshot reads what the barrier saw. Series idle for a checkpoint interval are forgotten. Not
 * thread-safe.
 */
final class CachedSeriesStore {

    /** The keyed state of a series in Flink; each call selects the series' key. */
    interface KeyedSeriesState {
        WindowProgress progress(String key) throws Exception;

        void setProgress(String key, WindowProgress progress) throws Exception;

        LiveSeriesState state(String key) throws Exception;

        void setState(String key, LiveSeriesState state) throws Exception;

        /** Called whenever a series' progress changes: arms its idle expiry, which cannot wait for a checkpoint. */
        void progressed(String key, WindowProgress progress) throws Exception;
    }

    /** What is known of one series since the last write-back, and its chunks waiting in the bundle. */
    final class Slot extends Bundle.Member implements BundleRunner.Series {
        final String key;
        WindowProgress progress;
        boolean changed;
        /** Whether {@link #state} was read from keyed state (it may be null: a new series). */
        boolean stateRead;
        LiveSeriesState state;
        boolean stateChanged;
        /** Whether Flink state holds the objects above (since the last write-back): copy before changing. */
        boolean shared;

        Slot(String key) {
            this.key = key;
        }

        /** Takes own copies of what Flink state holds, which the snapshot being written may still read. */
        void unshare() {
            if (progress != null) {
                progress = progress.copy();
            }
            if (state != null) {
                state = state.copy();
            }
            shared = false;
        }

        @Override
        public WindowProgress progress() {
            return progress;
        }

        @Override
        public void setProgress(WindowProgress p) throws Exception {
            progress = p;
            changed = true;
            keyed.progressed(key, p);
        }

        @Override
        public LiveSeriesState state() throws Exception {
            if (!stateRead) {
                state = keyed.state(key);
                stateRead = true;
            }
            return state;
        }

        @Override
        public void setState(LiveSeriesState st) {
            state = st;
            stateRead = true;
            stateChanged = true;
        }
    }

    private final KeyedSeriesState keyed;
    private final Map<String, Slot> slots = new HashMap<>();

    CachedSeriesStore(KeyedSeriesState keyed) {
        this.keyed = keyed;
    }

    /**
     * Series {@code key}, its keyed state read on first use: one map lookup per chunk, when it joins the
     * bundle; the bundle and the runner keep the handle.
     */
    Slot series(String key) throws Exception {
        Slot slot = slots.get(key);
        if (slot == null) {
            slot = new Slot(key);
            slot.progress = keyed.progress(key);
            slots.put(key, slot);
        } else if (slot.shared) {
            slot.unshare();
        }
        return slot;
    }

    /**
     * Call before each snapshot: writes every changed series' state to keyed state. The objects written
     * stay cached but are copied before the series is next used ({@link Slot#unshare}), so the copies
     * are spread over the next interval instead of stalling the barrier, and the snapshot reads what the
     * barrier saw. A series not changed since the last write-back is forgotten, so the cache holds the
     * active series only. Call with no chunk waiting (after a flush); a series with one stays anyway.
     */
    void writeBack() throws Exception {
        Iterator<Slot> it = slots.values().iterator();
        while (it.hasNext()) {
            Slot slot = it.next();
            if (slot.stateChanged) {
                keyed.setState(slot.key, slot.state);
            }
            if (!slot.changed && !slot.waiting()) {
                it.remove();
                continue;
            }
            keyed.setProgress(slot.key, slot.progress);
            slot.changed = false;
            slot.stateChanged = false;
            slot.shared = true;
        }
    }

    /** Forgets a series whose keyed state is being cleared. */
    void forget(String key) {
        slots.remove(key);
    }
}
