package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CachedSeriesStoreTest {

    /**
     * Keyed state as plain maps, counting reads and writes. Holding objects, it hands out the objects it
     * holds, and after {@link #snapshot} copies, as the heap backend's copy-on-write does; otherwise it
     * keeps copies, as a backend that serializes on every write.
     */
    private static final class MapState implements CachedSeriesStore.KeyedSeriesState {
        final boolean holdsObjects;
        final Map<String, WindowProgress> progress = new HashMap<>();
        final Map<String, LiveSeriesState> states = new HashMap<>();
        /** Objects a running snapshot reads: the next read hands out a copy. */
        final Set<Object> snapshotted = Collections.newSetFromMap(new IdentityHashMap<>());
        int reads;
        int writes;

        MapState(boolean holdsObjects) {
            this.holdsObjects = holdsObjects;
        }

        private <T> T read(Map<String, T> map, String key, UnaryOperator<T> copy) {
            reads++;
            T value = map.get(key);
            if (value != null && (!holdsObjects || snapshotted.contains(value))) {
                value = copy.apply(value);
                if (holdsObjects) {
                    map.put(key, value);
                }
            }
            return value;
        }

        private <T> void write(Map<String, T> map, String key, T value, UnaryOperator<T> copy) {
            writes++;
            map.put(key, holdsObjects ? value : copy.apply(value));
        }

        @Override
        public WindowProgress progress(String key) {
            return read(progress, key, WindowProgress::copy);
        }

        @Override
        public void setProgress(String key, WindowProgress p) {
            write(progress, key, p, WindowProgress::copy);
        }

        @Override
        public LiveSeriesState state(String key) {
            return read(states, key, LiveSeriesState::copy);
        }

        @Override
        public void setState(String key, LiveSeriesState st) {
            write(states, key, st, LiveSeriesState::copy);
        }

        @Override
        public boolean holdsObjects() {
            return holdsObjects;
        }

        @Override
        public void progressed(String key, WindowProgress p) {}

        /** Starts a snapshot: what it will read, as it is now (the objects themselves, as the heap backend). */
        Snapshot snapshot() {
            snapshotted.addAll(progress.values());
            snapshotted.addAll(states.values());
            return new Snapshot(new HashMap<>(progress), new HashMap<>(states));
        }
    }

    private record Snapshot(Map<String, WindowProgress> progress, Map<String, LiveSeriesState> states) {}

    @ParameterizedTest(name = "holds objects: {0}")
    @ValueSource(booleans = {true, false})
    void aSnapshotReadsTheSeriesAsAtTheWriteBackWhileTheStoreGoesOnChangingThem(boolean holdsObjects)
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
        Snapshot snapshot = keyed.snapshot();
        assertThat(snapshot.progress().get("a").count).isEqualTo(1);
        assertThat(snapshot.states().get("a").stepsSeen).isEqualTo(5);

        // The series goes on; what the snapshot reads stays as it was at the write-back.
        BundleRunner.Series again = store.series("a");
        again.progress().count = 2;
        again.setProgress(again.progress());
        again.state().stepsSeen = 6;
        again.setState(again.state());
        assertThat(snapshot.progress().get("a").count).isEqualTo(1);
        assertThat(snapshot.states().get("a").stepsSeen).isEqualTo(5);

        store.writeBack();
        assertThat(keyed.snapshot().progress().get("a").count).isEqualTo(2);
        assertThat(keyed.snapshot().states().get("a").stepsSeen).isEqualTo(6);
    }

    @Test
    void heldObjectsAreChangedInPlaceAndLookedUpOncePerSnapshot() throws Exception {
        MapState keyed = new MapState(true);
        CachedSeriesStore store = new CachedSeriesStore(keyed);
        WindowProgress p = WindowProgress.empty(4, 1);
        LiveSeriesState st = new LiveSeriesState();
        store.series("a").setProgress(p);
        store.series("a").setState(st);
        for (int window = 1; window <= 3; window++) {
            BundleRunner.Series s = store.series("a");
            s.progress().count = window;
            s.setProgress(s.progress());
            s.state().stepsSeen = window;
            s.setState(s.state());
        }
        assertThat(keyed.writes).isEqualTo(2); // the new series' objects; then changes in place
        assertThat(keyed.progress.get("a")).isSameAs(p);
        assertThat(keyed.states.get("a")).isSameAs(st);
        store.writeBack();
        assertThat(keyed.writes).isEqualTo(2); // nothing to write back

        keyed.snapshot();
        int reads = keyed.reads;
        for (int window = 4; window <= 5; window++) {
            BundleRunner.Series s = store.series("a");
            s.progress().count = window;
            s.setProgress(s.progress());
            s.state().stepsSeen = window;
            s.setState(s.state());
        }
        assertThat(keyed.reads).isEqualTo(reads + 2); // each object once, a copy
        assertThat(keyed.writes).isEqualTo(2);
        assertThat(p.count).isEqualTo(3);
        assertThat(st.stepsSeen).isEqualTo(3);
        assertThat(keyed.progress.get("a").count).isEqualTo(5);
        assertThat(keyed.states.get("a").stepsSeen).isEqualTo(5);
    }

    @Test
    void withoutHeldObjectsEachWindowsStateIsWrittenAndTheProgressAtTheWriteBack() throws Exception {
        MapState keyed = new MapState(false);
        CachedSeriesStore store = new CachedSeriesStore(keyed);
        store.series("a").setProgress(WindowProgress.empty(4, 1));
        store.series("a").setState(new LiveSeriesState());
        for (int window = 1; window <= 3; window++) {
            BundleRunner.Series s = store.series("a");
            s.progress().count = window;
            s.setProgress(s.progress());
            s.state().stepsSeen = window;
            s.setState(s.state());
        }
        assertThat(keyed.writes).isEqualTo(1 + 3); // the state at every window's end
        assertThat(keyed.states.get("a").stepsSeen).isEqualTo(3);
        assertThat(keyed.progress).isEmpty();
        store.writeBack();
        assertThat(keyed.progress.get("a").count).isEqualTo(3);
        // The store keeps its objects over the snapshot: no reads.
        store.series("a").state().stepsSeen = 4;
        assertThat(keyed.reads).isZero();
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
        keyed.progress.put("a", p);

        BundleRunner.Series s = store.series("a");
        assertThat(s.progress().lastStep).isEqualTo(77);
        assertThat(s.state().stepsSeen).isEqualTo(4);
        assertThat(s.state()).isSameAs(s.state());
        s.setProgress(s.progress());
        store.writeBack();
        assertThat(keyed.writes).isEqualTo(1); // the progress; the state was only read
        assertThat(keyed.reads).isEqualTo(2);
    }

    @ParameterizedTest(name = "holds objects: {0}")
    @ValueSource(booleans = {true, false})
    void aSeriesIdleForACheckpointIntervalIsForgottenAndReadAgain(boolean holdsObjects) throws Exception {
        MapState keyed = new MapState(holdsObjects);
        CachedSeriesStore store = new CachedSeriesStore(keyed);
        store.series("a").setProgress(WindowProgress.empty(4, 1));
        store.writeBack();
        store.writeBack(); // "a" did not change in between
        assertThat(keyed.writes).isEqualTo(1);
        assertThat(store.series("a").progress()).isNotNull();
        assertThat(keyed.reads).isEqualTo(1);
    }
}
