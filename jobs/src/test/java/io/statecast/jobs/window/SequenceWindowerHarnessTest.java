package io.statecast.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.ingest.Event;
import io.statecast.jobs.ingest.Rejected;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SequenceWindowerHarnessTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Sequence> harness(int steps,
            Duration resample) throws Exception {
        return harness(steps, resample, Duration.ofDays(7));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Sequence> harness(int steps,
            Duration resample, Duration ttl) throws Exception {
        return harness(new SequenceWindower(steps, resample, ttl));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Sequence> harness(
            SequenceWindower windower) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(windower),
                (Event e) -> e.seriesId, Types.STRING);
        h.open();
        return h;
    }

    /** A windower of {@code steps}-step windows, staggered, handing on every released step at once. */
    private static SequenceWindower staggered(int steps, Duration resample) {
        return new SequenceWindower(steps, 1, true, resample, Duration.ofDays(7));
    }

    /** The first of ids "a", "b", … whose first window under staggered windows of n has this many steps. */
    private static String idWithFirstWindow(int n, int steps) {
        for (char c = 'a'; c <= 'z'; c++) {
            if (SequenceWindower.firstWindowSteps(String.valueOf(c), n) == steps) {
                return String.valueOf(c);
            }
        }
        throw new AssertionError("no id a..z has a first window of " + steps + " of " + n + " steps");
    }

    private static StreamRecord<Event> event(String id, long ts, double value) {
        return new StreamRecord<>(new Event(id, ts, new double[] {value}, "events", 0, ts), ts);
    }

    private static List<Sequence> sequences(KeyedOneInputStreamOperatorTestHarness<String, Event, Sequence> h) {
        return h.extractOutputValues();
    }

    /** The chunks joined into the windows they complete, in order (unfinished ones left out). */
    private static List<Sequence> windows(KeyedOneInputStreamOperatorTestHarness<String, Event, Sequence> h) {
        Map<String, Sequence> open = new HashMap<>();
        List<Sequence> complete = new ArrayList<>();
        for (Sequence chunk : sequences(h)) {
            Sequence before = chunk.offset == 0 ? null : open.get(chunk.seriesId);
            assertThat(chunk.offset).as("a window's chunks arrive in order")
                    .isEqualTo(before == null ? 0 : before.steps());
            Sequence joined = before == null ? chunk : new Sequence(chunk.seriesId,
                    LongStream.concat(LongStream.of(before.timestamps), LongStream.of(chunk.timestamps)).toArray(),
                    DoubleStream.concat(DoubleStream.of(before.inputs), DoubleStream.of(chunk.inputs)).toArray(),
                    chunk.inputSize, 0, chunk.endsWindow);
            if (joined.endsWindow) {
                complete.add(joined);
                open.remove(chunk.seriesId);
            } else {
                open.put(chunk.seriesId, joined);
            }
        }
        return complete;
    }

    private static List<Rejected> rejected(KeyedOneInputStreamOperatorTestHarness<String, Event, Sequence> h) {
        var side = h.getSideOutput(DeadLetters.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void releasesInTimestampOrderAsTheWatermarkPasses() throws Exception {
        try (var h = harness(2, null)) {
            h.processElement(event("a", 3, 30));
            h.processElement(event("a", 1, 10));
            h.processElement(event("b", 2, 200));
            h.processElement(event("a", 2, 20));
            h.processElement(event("a", 4, 40));
            assertThat(sequences(h)).isEmpty();

            h.processWatermark(new Watermark(2));
            assertThat(windows(h)).singleElement().satisfies(s -> {
                assertThat(s.seriesId).isEqualTo("a");
                assertThat(s.timestamps).containsExactly(1, 2);
                assertThat(s.inputs).containsExactly(10, 20);
            });
            h.processWatermark(new Watermark(10));
            assertThat(windows(h)).hasSize(2);
            assertThat(windows(h).get(1).timestamps).containsExactly(3, 4);
            assertThat(h.numEventTimeTimers()).as("only the idle-expiry timer of a and b").isEqualTo(2);
        }
    }

    @Test
    void pendingAndPartialStepsAndTimersSurviveASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(3, null)) {
            h.processElement(event("a", 1, 10));
            h.processElement(event("a", 2, 20));
            h.processWatermark(new Watermark(1));
            snapshot = h.snapshot(1, 1);
        }
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SequenceWindower(3, null, Duration.ofDays(7))),
                (Event e) -> e.seriesId, Types.STRING);
        try (restored) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(event("a", 3, 30));
            restored.processWatermark(new Watermark(3));
            assertThat(sequences(restored)).as("the window's steps after the one handed on before the snapshot")
                    .singleElement().satisfies(s -> {
                        assertThat(s.offset).isOne();
                        assertThat(s.inputs).containsExactly(20, 30);
                        assertThat(s.endsWindow).isTrue();
                    });
        }
    }

    @Test
    void theWindowStateAndTheChunksAreFlinkPojosNotKryo() {
        assertThat(TypeInformation.of(WindowState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(Sequence.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void handsReleasedStepsOnAtOnceInChunksOfTheirWindow() throws Exception {
        try (var h = harness(3, null)) {
            for (int t = 1; t <= 5; t++) {
                h.processElement(event("a", t, 10 * t));
            }
            h.processWatermark(new Watermark(1));
            h.processWatermark(new Watermark(4));
            h.processWatermark(new Watermark(5));
            assertThat(sequences(h)).extracting(s -> s.offset, s -> s.steps(), s -> s.inputs[0])
                    .containsExactly(tuple(0, 1, 10.0), tuple(1, 2, 20.0), tuple(0, 1, 40.0), tuple(1, 1, 50.0));
            assertThat(windows(h)).singleElement().satisfies(s ->
                    assertThat(s.inputs).containsExactly(10, 20, 30));
        }
    }

    @Test
    void handsStepsOnInChunksStaggeredBySeries() throws Exception {
        try (var h = harness(new SequenceWindower(8, 4, false, null, Duration.ofDays(7)))) {
            for (int t = 1; t <= 8; t++) {
                h.processElement(event("a", t, t)); // phase "a".hashCode() % 4 = 1
                h.processElement(event("b", t, t)); // phase 2
                h.processWatermark(new Watermark(t));
            }
            assertThat(sequences(h)).filteredOn(s -> s.seriesId.equals("a"))
                    .extracting(s -> s.offset, Sequence::steps).containsExactly(tuple(0, 3), tuple(3, 4), tuple(7, 1));
            assertThat(sequences(h)).filteredOn(s -> s.seriesId.equals("b"))
                    .extracting(s -> s.offset, Sequence::steps).containsExactly(tuple(0, 2), tuple(2, 4), tuple(6, 2));
            assertThat(windows(h)).hasSize(2).allSatisfy(w -> assertThat(w.inputs)
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8));
        }
    }

    @Test
    void staggeredWindowsEndAtAPhaseOfEachSeries() throws Exception {
        int n = 4;
        try (var h = harness(staggered(n, null))) {
            for (int t = 1; t <= 13; t++) {
                for (int k = 0; k < 40; k++) {
                    h.processElement(event("s" + k, t, t));
                }
                h.processWatermark(new Watermark(t));
            }
            Map<String, List<Sequence>> bySeries = windows(h).stream()
                    .collect(Collectors.groupingBy(w -> w.seriesId));
            assertThat(bySeries).hasSize(40).allSatisfy((id, windows) -> {
                int first = SequenceWindower.firstWindowSteps(id, n);
                assertThat(first).isBetween(1, n);
                assertThat(windows.get(0).inputs).as("%s's first window", id)
                        .containsExactly(DoubleStream.iterate(1, v -> v + 1).limit(first).toArray());
                assertThat(windows).as("%s's windows of 13 steps", id).hasSize(1 + (13 - first) / n);
                for (int j = 1; j < windows.size(); j++) {
                    assertThat(windows.get(j).inputs).as("%s's window %d", id, j).containsExactly(
                            DoubleStream.iterate(first + (j - 1) * n + 1, v -> v + 1).limit(n).toArray());
                }
            });
            // Aligned series complete their windows in different rounds: every phase has some of the 40.
            Map<Integer, Long> phases = bySeries.keySet().stream().collect(Collectors.groupingBy(
                    id -> SequenceWindower.firstWindowSteps(id, n), Collectors.counting()));
            assertThat(phases).hasSize(n).allSatisfy((first, count) -> assertThat(count).isBetween(4L, 16L));
        }
    }

    @Test
    void aShortFirstWindowSurvivesASnapshot() throws Exception {
        String id = idWithFirstWindow(4, 3);
        OperatorSubtaskState snapshot;
        try (var h = harness(staggered(4, null))) {
            h.processElement(event(id, 1, 10));
            h.processElement(event(id, 2, 20));
            h.processWatermark(new Watermark(2));
            snapshot = h.snapshot(1, 1);
        }
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(staggered(4, null)), (Event e) -> e.seriesId, Types.STRING);
        try (restored) {
            restored.initializeState(snapshot);
            restored.open();
            for (int t = 3; t <= 7; t++) {
                restored.processElement(event(id, t, 10 * t));
            }
            restored.processWatermark(new Watermark(7));
            assertThat(sequences(restored)).extracting(c -> c.offset, c -> c.inputs, c -> c.endsWindow)
                    .containsExactly(tuple(2, new double[] {30}, true),
                            tuple(0, new double[] {40, 50, 60, 70}, true));
        }
    }

    @Test
    void forwardFillAfterAShortFirstWindowRepeatsItsLastStep() throws Exception {
        String id = idWithFirstWindow(4, 2);
        try (var h = harness(staggered(4, Duration.ofMillis(10)))) {
            h.processElement(event(id, 0, 1));
            h.processElement(event(id, 10, 2)); // completes the first window (2 steps)
            h.processElement(event(id, 40, 5)); // intervals 20 and 30 repeat the 2
            h.processElement(event(id, 50, 6));
            h.processWatermark(new Watermark(100));
            assertThat(windows(h)).extracting(w -> w.inputs).containsExactly(
                    new double[] {1, 2}, new double[] {2, 2, 5, 6});
        }
    }

    @Test
    void onlyTheStepThatHandsAChunkOnArmsAReleaseTimer() throws Exception {
        String id = idWithFirstWindow(8, 8);
        try (var h = harness(new SequenceWindower(8, 4, true, null, Duration.ofDays(7)))) {
            for (int t = 1; t <= 3; t++) {
                h.processElement(event(id, t, t));
            }
            h.processWatermark(new Watermark(3));
            assertThat(sequences(h)).as("three steps do not make a chunk of 4").isEmpty();
            assertThat(h.numEventTimeTimers()).as("only the idle-expiry timer").isOne();
            h.processElement(event(id, 4, 4));
            assertThat(h.numEventTimeTimers()).as("and the release of step 4").isEqualTo(2);
            h.processElement(event(id, 5, 5));
            h.processWatermark(new Watermark(5));
            assertThat(sequences(h)).extracting(c -> c.offset, c -> c.inputs)
                    .containsExactly(tuple(0, new double[] {1, 2, 3, 4, 5}));
            h.processElement(event(id, 6, 6));
            h.processElement(event(id, 7, 7));
            h.processWatermark(new Watermark(7));
            assertThat(sequences(h)).as("steps 6 and 7 wait for step 8, which hands the next chunk on")
                    .hasSize(1);
            // Step 7 is behind the watermark but still pending: a duplicate of it is final all the same.
            h.processElement(event(id, 7, 70));
            assertThat(rejected(h)).extracting(r -> r.category).containsExactly("duplicate_of_released");
            h.processElement(event(id, 8, 8));
            h.processWatermark(new Watermark(8));
            assertThat(windows(h)).singleElement().satisfies(w ->
                    assertThat(w.inputs).containsExactly(1, 2, 3, 4, 5, 6, 7, 8));
        }
    }

    @Test
    void aSequenceOfOneStepIsAForecastPerEvent() throws Exception {
        try (var h = harness(1, null)) {
            h.processElement(event("a", 1, 1));
            h.processElement(event("a", 2, 2));
            h.processWatermark(new Watermark(5));
            assertThat(sequences(h)).extracting(s -> s.inputs[0]).containsExactly(1.0, 2.0);
        }
    }

    @Test
    void aDuplicateTimestampReplacesTheBufferedValue() throws Exception {
        try (var h = harness(2, null)) {
            h.processElement(event("a", 1, 10));
            h.processElement(event("a", 1, 11));
            h.processElement(event("a", 2, 20));
            h.processWatermark(new Watermark(2));
            assertThat(sequences(h)).singleElement().satisfies(s -> assertThat(s.inputs).containsExactly(11, 20));
            assertThat(rejected(h)).isEmpty();
        }
    }

    @Test
    void lateEventsAndDuplicatesOfReleasedStepsAreDeadLettered() throws Exception {
        try (var h = harness(2, null)) {
            h.processElement(event("a", 5, 50));
            h.processWatermark(new Watermark(5));
            h.processElement(event("a", 3, 30));
            h.processElement(event("a", 5, 51));
            h.processElement(event("b", 4, 40));
            assertThat(rejected(h)).hasSize(3).allSatisfy(r -> {
                assertThat(r.stage).isEqualTo("window");
                assertThat(r.raw).isNotEmpty();
            });
            assertThat(rejected(h)).extracting(r -> r.category)
                    .containsExactly("late", "duplicate_of_released", "late");
            assertThat(rejected(h).get(0).reason).contains("late by 2 ms");
            assertThat(rejected(h).get(1).reason).contains("already released");
            assertThat(rejected(h).get(2).reason).contains("late by 1 ms");
            assertThat(windows(h)).isEmpty();
        }
    }

    @Test
    void aChangedInputCountIsDeadLettered() throws Exception {
        try (var h = harness(2, null)) {
            h.processElement(event("a", 1, 10));
            h.processWatermark(new Watermark(1));
            h.processElement(new StreamRecord<>(new Event("a", 2, new double[] {1, 2}, "events", 0, 2), 2));
            assertThat(rejected(h)).singleElement().satisfies(r ->
                    assertThat(r.category).isEqualTo("input_size_changed"));
        }
    }

    @Test
    void resamplesToAFixedIntervalWithForwardFill() throws Exception {
        try (var h = harness(4, Duration.ofMillis(10))) {
            h.processElement(event("a", 1, 1));
            h.processElement(event("a", 12, 2));
            h.processElement(event("a", 15, 3)); // same interval as 12: last wins
            h.processElement(event("a", 35, 4)); // interval 20 is empty: filled with 3
            h.processWatermark(new Watermark(100));
            assertThat(sequences(h)).singleElement().satisfies(s -> {
                assertThat(s.timestamps).containsExactly(0, 10, 20, 30);
                assertThat(s.inputs).containsExactly(1, 3, 3, 4);
            });
            assertThat(h.numEventTimeTimers()).as("only the idle-expiry timer").isOne();
        }
    }

    @Test
    void aDuplicateOfAReleasedIntervalIsDeadLettered() throws Exception {
        try (var h = harness(4, Duration.ofMillis(10))) {
            h.processElement(event("a", 12, 1));
            h.processWatermark(new Watermark(19));
            h.processElement(event("a", 15, 2));
            assertThat(rejected(h)).singleElement().satisfies(r ->
                    assertThat(r.category).isEqualTo("duplicate_of_released"));
        }
    }

    @Test
    void anIdleSeriesIsDroppedOnceTheWatermarkIsTtlPastItsLastStep() throws Exception {
        try (var h = harness(3, null, Duration.ofMillis(100))) {
            h.processElement(event("a", 1, 10));
            h.processElement(event("a", 2, 20));
            h.processElement(event("b", 1, 1));
            h.processWatermark(new Watermark(50));
            h.processElement(event("b", 60, 2)); // b stays active
            h.processWatermark(new Watermark(101));
            assertThat(h.numKeyedStateEntries()).as("a is idle since 2, b since 60").isEqualTo(2);
            h.processWatermark(new Watermark(102));
            assertThat(h.numKeyedStateEntries()).as("a expired").isOne();
            // a's partial sequence was dropped: its next events start a new sequence.
            h.processElement(event("a", 103, 30));
            h.processElement(event("a", 104, 40));
            h.processElement(event("a", 105, 50));
            h.processWatermark(new Watermark(159));
            assertThat(windows(h)).singleElement().satisfies(s ->
                    assertThat(s.timestamps).containsExactly(103, 104, 105));
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
            h.processWatermark(new Watermark(160));
            assertThat(h.numKeyedStateEntries()).as("b expired").isOne();
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(rejected(h)).isEmpty();
        }
    }
}
