package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedSeriesStoreTest {

    /** Keyed state as plain maps of frames, counting reads and writes. */
    private static final class MapState implements CachedSeriesStore.KeyedSeriesState {
        final Map<String, byte[]> progress = new HashMap<>();
        final Map<String, byte[]> states = new HashMap<>();
        int progressReads;
        int stateReads;
        int writes;

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
        public byte[] state(String key) {
            stateReads++;
            return states.get(key);
        }

        @Override
        public void setState(String key, byte[] frame) {
            writes++;
            states.put(key, frame);
        }

        @Override
        public void progressed(String key, WindowProgress p) {}

        WindowProgress progressOf(String key) throws Exception {
            return WindowProgressSerializer.INSTANCE.fromFrame(progress.get(key));
        }

        LiveSeriesState stateOf(String key) {
            return LiveSeriesStateSerializer.fromFrame(states.get(key));
        }
    }

    private final MapState keyed = new MapState();
    private final CachedSeriesStore store = new CachedSeriesStore(keyed);

    @Test
    void keyedStateHoldsWhatTheSeriesWasAtTheWriteBackWhileTheCachedObjectsGoOnChanging() throws Exception {
        BundleRunner.Series s = store.series("a");
        WindowProgress p = WindowProgress.empty(4, 1);
        p.count = 1;
        s.setProgress(p);
        LiveSeriesState st = new LiveSeriesState();
        st.stepsSeen = 5;
        s.setState(st);
        store.writeBack();
        assertThat(keyed.progressOf("a").count).isEqualTo(1);
        assertThat(keyed.stateOf("a").stepsSeen).isEqualTo(5);

        // The active series stays cached (no keyed read, no copy), and what a snapshot reads stays as
        // written: the progress until the next write-back, the state until it is set again.
        BundleRunner.Series again = store.series("a");
        assertThat(again.progress()).isSameAs(p);
        again.progress().count = 2;
        again.setProgress(again.progress());
        again.state().stepsSeen = 6;
        assertThat(keyed.progressOf("a").count).isEqualTo(1);
        assertThat(keyed.stateOf("a").stepsSeen).isEqualTo(5);
        assertThat(keyed.progressReads).isEqualTo(1);
        assertThat(keyed.stateReads).isZero();

        again.setState(again.state());
        assertThat(keyed.stateOf("a").stepsSeen).isEqualTo(6);
        store.writeBack();
        assertThat(keyed.progressOf("a").count).isEqualTo(2);
    }

    @Test
    void aSeriesIsReadFromItsFramesOnceAndOnlyWhatChangedIsWrittenBack() throws Exception {
        LiveSeriesState stored = new LiveSeriesState();
        stored.stepsSeen = 4;
        keyed.states.put("a", LiveSeriesStateSerializer.toFrame(stored));
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
        store.series("a").setProgress(WindowProgress.empty(4, 1));
        store.writeBack();
        store.writeBack(); // "a" did not change in between
        assertThat(keyed.writes).isEqualTo(1);
        assertThat(store.series("a").progress()).isNotNull();
        assertThat(keyed.progressReads).isEqualTo(2);
    }

    @Test
    void theStateIsSavedAsItWasWhenSet() throws Exception {
        LiveSeriesState st = new LiveSeriesState();
        st.stepsSeen = 3;
        store.series("a").setState(st);
        st.stepsSeen = 4; // not set again
        store.writeBack();
        assertThat(keyed.stateOf("a").stepsSeen).isEqualTo(3);
    }
}
