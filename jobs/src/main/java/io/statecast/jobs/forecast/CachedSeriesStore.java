package io.statecast.jobs.forecast;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The series' state as the {@link BundleRunner} sees it, cached over Flink keyed state. A series'
 * {@link WindowProgress} changes with every chunk of its windows, its {@link LiveSeriesState} with every
 * window. Each is read from keyed state once, kept here and changed in place. Keyed state holds their
 * serialized frames, never the objects that change, so nothing is copied for an asynchronous snapshot:
 * the progress's frame is written before each snapshot ({@link #writeBack}) rather than per chunk (with
 * the heap backend: selecting the key and two hash lookups; with RocksDB a write), the state's when it is
 * set, once per window. The cached objects live as long as their series is active (the garbage collector
 * promotes them once); what each checkpoint leaves is two byte arrays per active series, where copies of
 * the objects (about eight per series) used to age through the young generation and make its pauses.
 * Series idle for a checkpoint interval are forgotten. Not thread-safe.
 */
final class CachedSeriesStore {

    /** The keyed state of a series in Flink, as frames; each call selects the series' key. */
    interface KeyedSeriesState {
        /** The frame of {@link WindowProgressSerializer}, or null. */
        byte[] progress(String key) throws Exception;

        void setProgress(String key, byte[] frame) throws Exception;

        /** The frame of {@link LiveSeriesStateSerializer}, or null. */
        byte[] state(String key) throws Exception;

        void setState(String key, byte[] frame) throws Exception;

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

        Slot(String key) {
            this.key = key;
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
                byte[] frame = keyed.state(key);
                state = frame == null ? null : LiveSeriesStateSerializer.fromFrame(frame);
                stateRead = true;
            }
            return state;
        }

        /**
         * Takes {@code st} as the series state and writes its frame to keyed state now, once per window,
         * while the window's end has its objects in the CPU's cache: at the write-back, reading them again
         * cost ~2 µs per series in cache misses, all of it in front of the checkpoint barrier.
         */
        @Override
        public void setState(LiveSeriesState st) throws Exception {
            state = st;
            stateRead = true;
            keyed.setState(key, LiveSeriesStateSerializer.toFrame(st));
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
            byte[] frame = keyed.progress(key);
            slot.progress = frame == null ? null : WindowProgressSerializer.INSTANCE.fromFrame(frame);
            slots.put(key, slot);
        }
        return slot;
    }

    /**
     * Call before each snapshot: writes the frame of every changed progress to keyed state. A series not
     * changed since the last write-back is forgotten, so the cache holds the active series only. Call
     * with no chunk waiting (after a flush); a series with one stays anyway.
     */
    void writeBack() throws Exception {
        Iterator<Slot> it = slots.values().iterator();
        while (it.hasNext()) {
            Slot slot = it.next();
            if (slot.changed) {
                keyed.setProgress(slot.key, WindowProgressSerializer.INSTANCE.toFrame(slot.progress));
                slot.changed = false;
            } else if (!slot.waiting()) {
                it.remove();
            }
        }
    }

    /** Forgets a series whose keyed state is being cleared. */
    void forget(String key) {
        slots.remove(key);
    }
}
