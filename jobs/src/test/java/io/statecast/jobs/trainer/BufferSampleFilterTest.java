package io.statecast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's pre-window filter passes every series the replay buffer keeps, and little else. */
class BufferSampleFilterTest {

    private static final int SERIES = 500;
    private static final int KEEP = 20;

    private static BufferSampleFilter filter() {
        BufferSampleFilter f = new BufferSampleFilter(KEEP);
        f.init();
        return f;
    }

    /** The buffer's final sample: the KEEP ids with the lowest hashes. */
    private static Set<String> lowestHashes(List<String> ids) {
        return new HashSet<>(ids.stream().sorted(Comparator.comparingLong(RetrainFunction::hash))
                .limit(KEEP).toList());
    }

    @Test
    void neverDropsASeriesOfTheBuffersSampleWhateverTheOrderAndTheSubtask() {
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            ids.add("series-" + s);
        }
        Set<String> sample = lowestHashes(ids);
        SplittableRandom random = new SplittableRandom(7);
        BufferSampleFilter[] subtasks = {filter(), filter()};
        Set<String> passed = new HashSet<>();
        long dropped = 0;
        for (int event = 0; event < 20 * SERIES; event++) {
            String id = ids.get(random.nextInt(SERIES));
            BufferSampleFilter subtask = subtasks[random.nextInt(2)];
            if (subtask.keep(id)) {
                passed.add(id);
            } else {
                assertThat(sample).as("dropped %s", id).doesNotContain(id);
                dropped++;
            }
        }
        assertThat(passed).containsAll(sample);
        // 2 subtasks x 20 kept of 500 series: almost every event of the other series stops here.
        assertThat(dropped).isGreaterThan(15L * SERIES);
    }

    @Test
    void dropsASeriesOnlyOnceItHasSeenAsManySeriesThatHashLower() {
        BufferSampleFilter f = filter();
        List<String> seen = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            String id = "s" + s;
            seen.add(id);
            boolean kept = f.keep(id);
            long lower = seen.stream().filter(o -> RetrainFunction.hash(o) < RetrainFunction.hash(id)).count();
            assertThat(kept).as("%s with %d lower hashes seen", id, lower).isEqualTo(lower < KEEP);
        }
    }

    @Test
    void passesEverythingWhileThereAreFewerSeriesThanTheBufferHolds() {
        BufferSampleFilter f = filter();
        for (int round = 0; round < 3; round++) {
            for (int s = 0; s < KEEP; s++) {
                assertThat(f.keep("s" + s)).isTrue();
            }
        }
    }

    @Test
    void forgetsDroppedIdsBeyondItsMemoryWithoutChangingTheAnswer() {
        BufferSampleFilter f = filter();
        int many = BufferSampleFilter.DROPPED_IDS_REMEMBERED + 10 * KEEP;
        Set<String> first = new HashSet<>();
        for (int s = 0; s < many; s++) {
            if (f.keep("s" + s)) {
                first.add("s" + s);
            }
        }
        Set<String> sample = lowestHashesOf(many);
        for (int s = 0; s < many; s++) {
            assertThat(f.keep("s" + s)).as("s%d", s).isEqualTo(sample.contains("s" + s));
        }
        assertThat(first).containsAll(sample);
    }

    private static Set<String> lowestHashesOf(int n) {
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            ids.add("s" + s);
        }
        return lowestHashes(ids);
    }
}
