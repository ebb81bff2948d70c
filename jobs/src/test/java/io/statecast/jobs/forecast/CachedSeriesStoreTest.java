package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedSeriesStoreTest {

    /** Keyed state as plain maps, counting reads. */
    private static final class MapState implements CachedSeriesStore.KeyedSeriesState {
        final Map<String, WindowProgress> progress = new HashMap<>();
        final Map<String, LiveSeriesState> states = new HashMap<>();
        int progressReads;
        int stateReads;

        @Override
        public WindowProgress progress(String key) {
            progressReads++;
            return progress.get(key);
        }

        @Override
        public void setProgress(String key, WindowProgress p) {
            progress.put(key, p);
        }

        @Override
        public LiveSeriesState state(String key) {
            stateReads++;
            return states.get(key);
        }

        @Override
        public void setState(String key, LiveSeriesState state) {
            states.put(key, state);
        }

        @Override
        public void progressed(String key, WindowProgress p) {}
    }

    private final MapState keyed = new MapState();
    private final CachedSeriesStore store = new CachedSeriesStore(keyed);

    @Test
    void whatKeyedStateHoldsIsCopiedBeforeTheCachedSeriesChangesAgain() throws Exception {
        BundleRunner.Series s = store.series("a");
        WindowProgress p = WindowProgress.empty(4, 1);
        p.count = 1;
        s.setProgress(p);
        LiveSeriesState st = new LiveSeriesState();
        st.stepsSeen = 5;
        s.setState(st);
        store.writeBack();
        assertThat(keyed.progress.get("a")).isSameAs(p);
        assertThat(keyed.states.get("a")).isSameAs(st);

        // The active series stays cached (no keyed read), but what a snapshot reads is not what changes next.
        BundleRunner.Series again = store.series("a");
        again.progress().count = 2;
        again.state().stepsSeen = 6;
        assertThat(keyed.progress.get("a").count).isEqualTo(1);
        assertThat(keyed.states.get("a").stepsSeen).isEqualTo(5);
        assertThat(again.progress().count).isEqualTo(2);
        assertThat(keyed.progressReads).isEqualTo(1);
        assertThat(keyed.stateReads).isZero();
    }

    @Test
    void aStateReadButNotChangedIsCopiedBeforeItChanges() throws Exception {
        LiveSeriesState flinks = new LiveSeriesState();
        keyed.states.put("a", flinks);
        BundleRunner.Series s = store.series("a");
        s.state();
        s.setProgress(WindowProgress.empty(4, 1));
        store.writeBack();
        // That object is Flink's own, which a snapshot may be reading.
        store.series("a").state().stepsSeen = 9;
        assertThat(flinks.stepsSeen).isZero();
    }

    @Test
    void aSeriesIdleForACheckpointIntervalIsForgottenAndReadAgain() throws Exception {
        store.series("a").setProgress(WindowProgress.empty(4, 1));
        store.writeBack();
        store.writeBack(); // "a" did not change in between
        assertThat(store.series("a").progress()).isNotNull();
        assertThat(keyed.progressReads).isEqualTo(2);
    }

    @Test
    void aChangedStateIsWrittenBackEvenWithoutAProgressChange() throws Exception {
        LiveSeriesState st = new LiveSeriesState();
        st.stepsSeen = 3;
        store.series("a").setState(st);
        store.writeBack();
        assertThat(keyed.states.get("a").stepsSeen).isEqualTo(3);
    }
}
