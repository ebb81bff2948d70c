package io.statecast.jobs.forecast;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The series' state as the {@link BundleRunner} sees it, cached over Flink keyed state. A series'
 * {@link WindowProgress} changes with every chunk of its windows, its {@link LiveSeriesState} with every
 * window. The progress is read from keyed state once, kept here and changed in place; keyed state holds
 * its serialized frame, written before each snapshot ({@link #writeBack}) rather than per chunk. The
 * series state is the object keyed state holds: with the heap backend it is changed in place, with no
 * write per window, and looked up again after each snapshot, whose copy-on-write then hands out a copy
 * while the snapshot still reads the original (one lookup per series and checkpoint, where encoding and
 * writing a frame per window was ~7 % of the RNN stage's CPU); with other backends each window's end
 * writes it. Series idle for a checkpoint interval are forgotten. Not thread-safe.
 */
final class CachedSeriesStore {

    /** The keyed state of a series in Flink, as frames; each call selects the series' key. */
    interface KeyedSeriesState {
        /** The frame of {@link WindowProgressSerializer}, or null. */
        byte[] progress(String key) throws Exception;

        void setProgress(String key, byte[] frame) throws Exception;

        /** The series state keyed state holds, or null. */
        LiveSeriesState state(String key) throws Exception;

        void setState(String key, LiveSeriesState state) throws Exception;

        /**
         * Whether {@link #state} hands out the object keyed state holds, so that changing it in place
         * changes the state (until the next snapshot, which takes a copy-on-write view of it): true for
         * the heap backend, false where keyed state is serialized on every write (RocksDB, changelog).
         */
        boolean holdsObjects();

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
        /** Whether {@link #state} is the object keyed state holds, read or written since the last snapshot. */
        boolean stateHeld;

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
                state = keyed.state(key);
                stateRead = true;
                stateHeld = state != null;
            }
            return state;
        }

        /**
         * Takes {@code st} as the series state. A held object changed in place needs no write; otherwise
         * it is written now, once per window, while the window's end has its objects in the CPU's cache
         * (at the write-back, reading them again cost ~2 µs per series in cache misses, all of it in
         * front of the checkpoint barrier).
         */
        @Override
        public void setState(LiveSeriesState st) throws Exception {
            if (!(stateHeld && st == state && keyed.holdsObjects())) {
                keyed.setState(key, st);
                stateHeld = true;
            }
            state = st;
            stateRead = true;
        }

        /** Drops the state object, to be looked up again: a snapshot is about to read it. */
        void release() {
            state = null;
            stateRead = false;
            stateHeld = false;
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
     * Call before each snapshot: writes the frame of every changed progress to keyed state and, where
     * keyed state holds the state objects, lets go of them (the snapshot reads them; the next window
     * looks its state up again and gets a copy). A series not changed since the last write-back is
     * forgotten, so the cache holds the active series only. Call with no chunk waiting (after a flush);
     * a series with one stays anyway.
     */
    void writeBack() throws Exception {
        boolean release = keyed.holdsObjects();
        Iterator<Slot> it = slots.values().iterator();
        while (it.hasNext()) {
            Slot slot = it.next();
            if (release) {
                slot.release();
            }
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
