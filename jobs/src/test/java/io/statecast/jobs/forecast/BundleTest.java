package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.window.Sequence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleTest {

    private static final class Series extends Bundle.Member {
        final String id;

        Series(String id) {
            this.id = id;
        }
    }

    private final Bundle<Series> bundle = new Bundle<>();
    private final List<Series> series = new ArrayList<>();
    private final List<Sequence> chunks = new ArrayList<>();

    private static Sequence chunk(String id, int offset) {
        return new Sequence(id, new long[] {offset}, new double[] {offset}, 1, offset, false);
    }

    /** The round's chunks as "id@offset". */
    private List<String> round(int max) {
        bundle.nextRound(max, series, chunks);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(series.get(i).id).isEqualTo(chunks.get(i).seriesId);
            names.add(chunks.get(i).seriesId + "@" + chunks.get(i).offset);
        }
        return names;
    }

    @Test
    void eachRoundTakesASeriesOldestChunkOnceInArrivalOrder() {
        Series a = new Series("a");
        Series b = new Series("b");
        Series c = new Series("c");
        bundle.add(a, chunk("a", 0), 100);
        bundle.add(b, chunk("b", 0), 101);
        bundle.add(a, chunk("a", 1), 102);
        bundle.add(c, chunk("c", 0), 103);
        bundle.add(a, chunk("a", 2), 104);
        assertThat(bundle.size()).isEqualTo(5);
        assertThat(bundle.firstArrival()).isEqualTo(100);

        assertThat(round(10)).containsExactly("a@0", "b@0", "c@0");
        assertThat(a.waiting()).isTrue();
        assertThat(b.waiting()).isFalse();
        assertThat(round(10)).containsExactly("a@1");
        assertThat(round(10)).containsExactly("a@2");
        assertThat(bundle.isEmpty()).isTrue();
        assertThat(bundle.firstArrival()).isEqualTo(-1);
        assertThat(a.waiting()).isFalse();
    }

    @Test
    void aFullRoundLeavesTheRestInOrderAndASeriesWithMoreWaitsBehindThem() {
        Series a = new Series("a");
        Series b = new Series("b");
        Series c = new Series("c");
        bundle.add(a, chunk("a", 0), 0);
        bundle.add(a, chunk("a", 1), 0);
        bundle.add(b, chunk("b", 0), 0);
        bundle.add(c, chunk("c", 0), 0);

        assertThat(round(2)).containsExactly("a@0", "b@0");
        assertThat(round(2)).containsExactly("c@0", "a@1");
        assertThat(bundle.isEmpty()).isTrue();
        // A series emptied by a round can join again.
        bundle.add(b, chunk("b", 1), 5);
        assertThat(round(2)).containsExactly("b@1");
    }
}
