package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CachedSeriesStoreTest {

    /**
     * Keyed state as plain maps, counting reads and writes. Holding objects, it hands out the object it
     * holds, and after {@link #snapshot} a copy, as the heap backend's copy-on-write does; otherwise it
     * keeps copies, as a backend that serializes on every write.
     */
    private static final class MapState implements CachedSeriesStore.KeyedSeriesState {
        final boolean holdsObjects;
        final Map<String, byte[]> progress = new HashMap<>();
        final Map<String, LiveSeriesState> states = new HashMap<>();
        /** States a running snapshot reads: the next read hands out a copy. */
        final Set<LiveSeriesState> snapshotted = Collections.newSetFromMap(new IdentityHashMap<>());
        int progressReads;
        int stateReads;
        int writes;

        MapState(boolean holdsObjects) {
            this.holdsObjects = holdsObjects;
        }

        @Override
        public byte[] progress(String key) {
            progressReads++;
            return progress.get(key);
        }

        @Override
        public void setProgress(String key, byte[] frame) {
            writes++;
            progress.put(key, frame);
        }

        @Override
        public LiveSeriesState state(String key) {
            stateReads++;
            LiveSeriesState st = states.get(key);
            if (!holdsObjects) {
                return st == null ? null : st.copy();
            }
            if (snapshotted.contains(st)) {
                states.put(key, st = st.copy());
            }
            return st;
        }

        @Override
        public void setState(String key, LiveSeriesState st) {
            writes++;
            states.put(key, holdsObjects ? st : st.copy());
        }

        @Override
        public boolean holdsObjects() {
            return holdsObjects;
        }

        @Override
        public void progressed(String key, WindowProgress p) {}

        /** Starts a snapshot: returns the states it reads. */
        Map<String, LiveSeriesState> snapshot() {
            snapshotted.addAll(states.values());
            return new HashMap<>(states);
        }

        WindowProgress progressOf(String key) throws Exception {
            return WindowProgressSerializer.INSTANCE.fromFrame(progress.get(key));
        }
    }

    @ParameterizedTest(name = "holds objects: {0}")
    @ValueSource(booleans = {true, false})
    void keyedStateHoldsWhatTheSeriesWasAtTheWriteBackWhileTheCachedObjectsGoOnChanging(boolean holdsObjects)
            throws Exception {
        MapState keyed = new MapState(holdsObjects);
        CachedSeriesStore store = new CachedSeriesStore(keyed);
        BundleRunner.Series s = store.series("a");
        WindowProgress p = WindowProgress.empty(4, 1);
        p.count = 1;
        s.setProgress(p);
        LiveSeriesState st = new LiveSeriesState();
        st.stepsSeen = 5;
        s.setState(st);
        store.writeBack();
        Map<String, LiveSeriesState> snapshot = keyed.snapshot();
        assertThat(keyed.progressOf("a").count).isEqualTo(1);
        assertThat(snapshot.get("a").stepsSeen).isEqualTo(5);

        // The active series stays cached; what the snapshot reads stays as it was at the write-back.
        BundleRunner.Series again = store.series("a");
        assertThat(again.progress()).isSameAs(p);
        again.progress().count = 2;
        again.setProgress(again.progress());
        again.state().stepsSeen = 6;
        again.setState(again.state());
        assertThat(keyed.progressOf("a").count).isEqualTo(1);
        assertThat(snapshot.get("a").stepsSeen).isEqualTo(5);
        assertThat(keyed.progressReads).isEqualTo(1);

        store.writeBack();
        assertThat(keyed.progressOf("a").count).isEqualTo(2);
        assertThat(keyed.snapshot().get("a").stepsSeen).isEqualTo(6);
    }

    @Test
    void heldStatesAreChangedInPlaceAndLookedUpOncePerSnapshot() throws Exception {
        MapState keyed = new MapState(true);
        CachedSeriesStore store = new CachedSeriesStore(keyed);
        LiveSeriesState st = new LiveSeriesState();
        store.series("a").setState(st);
        for (int window = 1; window <= 3; window++) {
            BundleRunner.Series s = store.series("a");
            s.state().stepsSeen = window;
            s.setState(s.state());
        }
        assertThat(keyed.writes).isEqualTo(1); // the new series' state; then changes in place
        assertThat(keyed.states.get("a")).isSameAs(st);
        assertThat(st.stepsSeen).isEqualTo(3);

        store.series("a").setProgress(WindowProgress.empty(4, 1)); // keeps "a" cached over the write-back
        store.writeBack();
        keyed.snapshot();
        int reads = keyed.stateReads;
        for (int window = 4; window <= 5; window++) {
            BundleRunner.Series s = store.series("a");
            s.state().stepsSeen = window;
            s.setState(s.state());
        }
        assertThat(keyed.stateReads).isEqualTo(reads + 1);
        assertThat(st.stepsSeen).isEqualTo(3);
        assertThat(keyed.states.get("a").stepsSeen).isEqualTo(5);
    }

    @Test
    void withoutHeldObjectsEveryWindowsStateIsWrittenAndStaysCachedOverSnapshots() throws Exception {
        MapState keyed = new MapState(false);
        CachedSeriesStore store = new CachedSeriesStore(keyed);
        BundleRunner.Series s = store.series("a");
        s.setState(new LiveSeriesState());
        s.setProgress(WindowProgress.empty(4, 1));
        store.writeBack();
        for (int window = 1; window <= 3; window++) {
            store.series("a").state().stepsSeen = window;
            store.series("a").setState(store.series("a").state());
        }
        assertThat(keyed.stateReads).isZero();
        assertThat(keyed.writes).isEqualTo(1 + 1 + 3);
        assertThat(keyed.states.get("a").stepsSeen).isEqualTo(3);
    }

    @Test
    void aSeriesIsReadOnceAndOnlyWhatChangedIsWrittenBack() throws Exception {
        MapState keyed = new MapState(false);
        CachedSeriesStore store = new CachedSeriesStore(keyed);
        LiveSeriesState stored = new LiveSeriesState();
        stored.stepsSeen = 4;
        keyed.states.put("a", stored);
        WindowProgress p = WindowProgress.empty(4, 1);
        p.lastStep = 77;
        keyed.progress.put("a", WindowProgressSerializer.INSTANCE.toFrame(p));

        BundleRunner.Series s = store.series("a");
        assertThat(s.progress().lastStep).isEqualTo(77);
        assertThat(s.state().stepsSeen).isEqualTo(4);
        assertThat(s.state()).isSameAs(s.state());
        s.setProgress(s.progress());
        store.writeBack();
        assertThat(keyed.writes).isEqualTo(1); // the progress; the state was only read
        assertThat(keyed.stateReads).isEqualTo(1);
    }

    @Test
    void aSeriesIdleForACheckpointIntervalIsForgottenAndReadAgain() throws Exception {
        MapState keyed = new MapState(true);
        CachedSeriesStore store = new CachedSeriesStore(keyed);
        store.series("a").setProgress(WindowProgress.empty(4, 1));
        store.writeBack();
        store.writeBack(); // "a" did not change in between
        assertThat(keyed.writes).isEqualTo(1);
        assertThat(store.series("a").progress()).isNotNull();
        assertThat(keyed.progressReads).isEqualTo(2);
    }
}
