package io.statecast.jobs.forecast;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The series' state as the {@link BundleRunner} sees it, cached over Flink keyed state. A series'
 * {@link WindowProgress} changes with every chunk of its windows, its {@link LiveSeriesState} with every
 * window; each is read from keyed state once and changed in place.
 * <ul>
 *   <li>With the heap backend keyed state holds these very objects, so changing them needs no write.
 *   Before each snapshot ({@link #writeBack}) the store lets go of them: the snapshot reads them after
 *   the barrier, asynchronously, and the next chunk looks them up again, when the backend's
 *   copy-on-write hands out a copy if the snapshot still runs. That is one lookup per series and
 *   checkpoint. Writing frames instead cost an encoding and a put per window (~7 % of the RNN stage's
 *   CPU) and, for the progress, per series in front of every barrier.</li>
 *   <li>Other backends (RocksDB, changelog) serialize on every write: the state is written at each
 *   window's end, the progress before each snapshot.</li>
 * </ul>
 * Series idle for a checkpoint interval are forgotten. Not thread-safe.
 */
final class CachedSeriesStore {

    /** The keyed state of a series in Flink; each call selects the series' key. */
    interface KeyedSeriesState {
        /** The window progress keyed state holds, or null. */
        WindowProgress progress(String key) throws Exception;

        void setProgress(String key, WindowProgress progress) throws Exception;

        /** The series state keyed state holds, or null. */
        LiveSeriesState state(String key) throws Exception;

        void setState(String key, LiveSeriesState state) throws Exception;

        /**
         * Whether reads hand out the objects keyed state holds, so that changing one in place changes the
         * state (until the next snapshot, which takes a copy-on-write view of them): true for the heap
         * backend, false where keyed state is serialized on every write (RocksDB, changelog).
         */
        boolean holdsObjects();

        /** Called whenever a series' progress changes: arms its idle expiry, which cannot wait for a checkpoint. */
        void progressed(String key, WindowProgress progress) throws Exception;
    }

    /** What is known of one series since the last write-back, and its chunks waiting in the bundle. */
    final class Slot extends Bundle.Member implements BundleRunner.Series {
        final String key;
        /** Whether the progress changed since the last write-back. */
        boolean changed;
        private WindowProgress progress;
        private LiveSeriesState state;
        /** Whether {@link #progress} and {@link #state} were read (either may be null: a new series). */
        private boolean progressRead;
        private boolean stateRead;
        /** Whether they are the objects keyed state holds, read or written since the last snapshot. */
        private boolean progressHeld;
        private boolean stateHeld;

        Slot(String key) {
            this.key = key;
        }

        @Override
        public WindowProgress progress() throws Exception {
            if (!progressRead) {
                progress = keyed.progress(key);
                progressRead = true;
                progressHeld = progress != null;
            }
            return progress;
        }

        /** Takes {@code p} as the progress; keyed state gets it now only if it holds objects and not this one. */
        @Override
        public void setProgress(WindowProgress p) throws Exception {
            if (holdsObjects && !(progressHeld && p == progress)) {
                keyed.setProgress(key, p);
                progressHeld = true;
            }
            progress = p;
            progressRead = true;
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
            if (!(holdsObjects && stateHeld && st == state)) {
                keyed.setState(key, st);
                stateHeld = true;
            }
            state = st;
            stateRead = true;
        }

        /** Drops the objects, to be looked up again: a snapshot is about to read them. */
        private void release() {
            progress = null;
            state = null;
            progressRead = false;
            stateRead = false;
            progressHeld = false;
            stateHeld = false;
        }
    }

    private final KeyedSeriesState keyed;
    private final boolean holdsObjects;
    private final Map<String, Slot> slots = new HashMap<>();

    CachedSeriesStore(KeyedSeriesState keyed) {
        this.keyed = keyed;
        this.holdsObjects = keyed.holdsObjects();
    }

    /**
     * Series {@code key}, its keyed state read on first use: one map lookup per chunk, when it joins the
     * bundle; the bundle and the runner keep the handle.
     */
    Slot series(String key) {
        Slot slot = slots.get(key);
        if (slot == null) {
            slot = new Slot(key);
            slots.put(key, slot);
        }
        return slot;
    }

    /**
     * Call before each snapshot: writes every changed progress to keyed state, or, where keyed state holds
     * the objects, lets go of them (the snapshot reads them). A series not changed since the last
     * write-back is forgotten, so the cache holds the active series only. Call with no chunk waiting
     * (after a flush); a series with one stays anyway.
     */
    void writeBack() throws Exception {
        Iterator<Slot> it = slots.values().iterator();
        while (it.hasNext()) {
            Slot slot = it.next();
            if (slot.changed) {
                if (!holdsObjects) {
                    keyed.setProgress(slot.key, slot.progress);
                }
                slot.changed = false;
            } else if (!slot.waiting()) {
                it.remove();
                continue;
            }
            if (holdsObjects) {
                slot.release();
            }
        }
    }

    /** Forgets a series whose keyed state is being cleared. */
    void forget(String key) {
        slots.remove(key);
    }
}
