package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.io.ModelUpdate;
import io.statecast.jobs.window.Sequence;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.NamedTensor;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.CheckpointOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.CheckpointStorageLocationReference;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFinalizer;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFutures;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RnnForecastOperatorHarnessTest {

    static final int N = 4;
    static final Architecture ARCH = TestModels.architecture(CellType.LSTM, 8, N, 1, HeadType.LAST_STEP);
    static final SingleObjectCodec<Forecast> FORECASTS = SingleObjectCodec.of(Forecast.class);
    /** The series state and its window in progress. */
    static final int STATES_PER_SERIES = 2;

    static ForecastSettings settings(int bundle) {
        return settings(bundle, bundle);
    }

    static ForecastSettings settings(int bundle, int stepSeries) {
        return new ForecastSettings(N, 1, bundle, stepSeries, Duration.ofMillis(20), Duration.ofDays(7),
                ForecastSettings.SwapPolicy.REWARM, 8);
    }

    /** Bundles of one and a state TTL of 80 s: the expiry granule is 10 s. */
    static ForecastSettings eightySecondTtl() {
        return new ForecastSettings(N, 1, 1, 1, Duration.ofMillis(20), Duration.ofSeconds(80),
                ForecastSettings.SwapPolicy.REWARM, 8);
    }

    static KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> harness(
            ForecastSettings settings, byte[] model) throws Exception {
        return harness(settings, model, new HashMapStateBackend());
    }

    static KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> harness(
            ForecastSettings settings, byte[] model, StateBackend backend) throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new RnnForecastOperator(settings, model),
                (Sequence s) -> s.seriesId, (ModelUpdate m) -> "model", Types.STRING);
        h.setStateBackend(backend);
        h.setup();
        return h;
    }

    static Sequence seq(String id, long start, double... values) {
        long[] ts = new long[values.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = start + i * 1000L;
        }
        return new Sequence(id, ts, values.clone(), 1);
    }

    static List<Forecast> forecasts(KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> h) {
        List<Forecast> out = new ArrayList<>();
        for (KafkaRecord r : h.extractOutputValues()) {
            out.add(FORECASTS.decode(r.value));
        }
        return out;
    }

    /** Keyed state entries once a checkpoint's barrier comes (the operator writes its cached state back). */
    static int entriesAtCheckpoint(
            KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> h, long checkpoint)
            throws Exception {
        h.prepareSnapshotPreBarrier(checkpoint);
        return h.numKeyedStateEntries();
    }

    /** What the model says offline for one series fed these values from a cold state. */
    static double offline(byte[] model, double... values) {
        try (BatchForecaster f = ServingModel.fromBytes(model).newForecaster(1, values.length)) {
            f.loadState(0, null);
            for (int s = 0; s < values.length; s++) {
                f.setInput(0, s, values, s);
            }
            f.run(1, values.length);
            return f.mean(0, 0);
        }
    }

    @Test
    void flushesWhenTheBundleIsFullWithOneForecastPerSequence() throws Exception {
        byte[] model = TestModels.bytes(ARCH, 1, 7);
        try (var h = harness(settings(2), model)) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement1(new StreamRecord<>(seq("b", 0, 4, 3, 2, 1)));
            List<Forecast> out = forecasts(h);
            assertThat(out).extracting(Forecast::getSeriesId).containsExactly("a", "b");
            assertThat(out.get(0).getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2, 3, 4),
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(out.get(1).getPoints().get(0).getMean()).isCloseTo(offline(model, 4, 3, 2, 1),
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(out.get(0).getModelVersion()).isEqualTo(1);
            assertThat(out.get(0).getStepsSeen()).isEqualTo(N);
            assertThat(out.get(0).getColdStart()).isTrue();
            assertThat(out.get(0).getPoints().get(0).getTimestamp().toEpochMilli()).isEqualTo(4000);
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
        }
    }

    @Test
    void aBundleBiggerThanOneTensorStepRunsInSeveralWithTheSameForecasts() throws Exception {
        byte[] model = TestModels.bytes(ARCH, 1, 7);
        try (var h = harness(settings(5, 2), model)) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.processElement1(new StreamRecord<>(seq("b", 0, 4, 3, 2, 1)));
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            h.processElement1(new StreamRecord<>(seq("c", 0, 2, 2, 2, 2)));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement1(new StreamRecord<>(seq("d", 0, 3, 1, 4, 1)));
            List<Forecast> out = forecasts(h);
            // Steps of two series at a time: (a, b), (c, d), then a's second window.
            assertThat(out).extracting(Forecast::getSeriesId).containsExactly("a", "b", "c", "d", "a");
            double[][] inputs = {{1, 2, 3, 4}, {4, 3, 2, 1}, {2, 2, 2, 2}, {3, 1, 4, 1}, {1, 2, 3, 4, 5, 6, 7, 8}};
            for (int i = 0; i < inputs.length; i++) {
                assertThat(out.get(i).getPoints().get(0).getMean()).isCloseTo(offline(model, inputs[i]),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void anIdleSeriesStateIsDroppedOnceTheWatermarkIsTtlPastItsLastStep() throws Exception {
        try (var h = harness(eightySecondTtl(), TestModels.bytes(ARCH, 1, 7))) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("idle", 1_000, 1, 2, 3, 4))); // last step at 4 000
            h.processElement1(new StreamRecord<>(seq("busy", 1_000, 1, 2, 3, 4)));
            h.processWatermark1(new Watermark(60_000));
            h.processElement1(new StreamRecord<>(seq("busy", 61_000, 5, 6, 7, 8))); // last step at 64 000
            h.processWatermark1(new Watermark(89_999));
            assertThat(entriesAtCheckpoint(h, 1)).as("due at 4 000 + 80 000, fires at 90 000")
                    .isEqualTo(2 * STATES_PER_SERIES);
            h.processWatermark1(new Watermark(90_000));
            assertThat(entriesAtCheckpoint(h, 2)).as("idle dropped, busy kept").isEqualTo(STATES_PER_SERIES);
            assertThat(h.numEventTimeTimers()).as("busy's own expiry timer").isOne();
            h.processWatermark1(new Watermark(150_000));
            assertThat(entriesAtCheckpoint(h, 3)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(forecasts(h)).hasSize(3);
        }
    }

    @Test
    void expiryDeadlinesRoundUpToAnEighthOfTheTtlWithoutOverflow() {
        assertThat(RnnForecastOperator.expiryDeadline(4_000, 80_000)).isEqualTo(90_000);
        assertThat(RnnForecastOperator.expiryDeadline(6_000, 80_000)).isEqualTo(90_000);
        assertThat(RnnForecastOperator.expiryDeadline(-5_000, 80_000)).isEqualTo(80_000);
        assertThat(RnnForecastOperator.expiryDeadline(Long.MAX_VALUE - 5, 80_000)).isLessThan(Long.MAX_VALUE);
    }

    @Test
    void flushesWhenTheLatencyBudgetPasses() throws Exception {
        try (var h = harness(settings(100), TestModels.bytes(ARCH, 1, 7))) {
            h.open();
            h.setProcessingTime(1_000);
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.setProcessingTime(1_019);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(1_020);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void flushesBeforeTheCheckpointBarrierAndOnWatermarks() throws Exception {
        try (var h = harness(settings(100), TestModels.bytes(ARCH, 1, 7))) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.extractOutputValues()).hasSize(1);

            h.processElement1(new StreamRecord<>(seq("b", 0, 1, 2, 3, 4)));
            h.processWatermark1(new Watermark(5_000));
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.getOutput()).last().isEqualTo(new Watermark(5_000));
        }
    }

    @Test
    void carriesEachSeriesHiddenStateAcrossSequences() throws Exception {
        byte[] model = TestModels.bytes(ARCH, 1, 7);
        try (var h = harness(settings(1), model)) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.processElement1(new StreamRecord<>(seq("b", 0, 9, 9, 9, 9)));
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            Forecast second = forecasts(h).get(2);
            assertThat(second.getSeriesId()).isEqualTo("a");
            assertThat(second.getStepsSeen()).isEqualTo(2 * N);
            assertThat(second.getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2, 3, 4, 5, 6, 7, 8),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void hiddenStatesSurviveSnapshotAndRestore() throws Exception {
        byte[] model = TestModels.bytes(ARCH, 1, 7);
        OperatorSubtaskState snapshot;
        try (var h = harness(settings(8), model)) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.prepareSnapshotPreBarrier(1);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(settings(1), TestModels.bytes(ARCH, 1, 99))) {
            h.initializeState(snapshot);
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            Forecast f = forecasts(h).get(0);
            assertThat(f.getStepsSeen()).isEqualTo(2 * N);
            // The restored operator serves the checkpointed model (seed 7), not the one it was built with.
            assertThat(f.getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2, 3, 4, 5, 6, 7, 8),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    static Stream<Arguments> stateBackends() {
        return Stream.of(Arguments.of("heap", (Supplier<StateBackend>) HashMapStateBackend::new),
                Arguments.of("rocksdb", (Supplier<StateBackend>) EmbeddedRocksDBStateBackend::new));
    }

    /**
     * A series' state and its window in progress, changed by every window and chunk, are in the snapshot
     * as at the barrier: with the heap backend the snapshot reads the state objects after the barrier,
     * asynchronously, while the operator goes on changing its series; with RocksDB each change must have
     * been written.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stateBackends")
    void aSnapshotHoldsTheSeriesAsAtItsBarrierWhileTheOperatorGoesOn(String name, Supplier<StateBackend> backend)
            throws Exception {
        byte[] model = TestModels.bytes(ARCH, 1, 7);
        OperatorSubtaskState snapshot;
        try (var h = harness(settings(1), model, backend.get())) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            h.processElement1(new StreamRecord<>(chunk("a", 8000, 0, 9, 10)));
            h.prepareSnapshotPreBarrier(1);
            OperatorSnapshotFutures running = h.getOperator().snapshotState(1, 1,
                    CheckpointOptions.forCheckpointWithDefaultLocation(), new JobManagerCheckpointStorage()
                            .createCheckpointStorage(new JobID())
                            .resolveCheckpointStorageLocation(1, CheckpointStorageLocationReference.getDefault()));
            // The series goes on before the snapshot's asynchronous part runs.
            h.processElement1(new StreamRecord<>(chunk("a", 8000, 2, 11, 12)));
            h.processElement1(new StreamRecord<>(chunk("a", 12000, 0, 13, 14)));
            assertThat(forecasts(h)).hasSize(3);
            snapshot = OperatorSnapshotFinalizer.create(running).getJobManagerOwnedState();
        }
        try (var h = harness(settings(1), model, backend.get())) {
            h.initializeState(snapshot);
            h.open();
            h.processElement1(new StreamRecord<>(chunk("a", 8000, 2, 11, 12)));
            assertThat(h.getSideOutput(DeadLetters.TAG)).isNull();
            assertThat(forecasts(h)).singleElement().satisfies(f -> {
                assertThat(f.getStepsSeen()).isEqualTo(3 * N);
                assertThat(f.getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2, 3, 4, 5, 6, 7, 8,
                        9, 10, 11, 12), org.assertj.core.data.Offset.offset(1e-5));
            });
        }
    }

    @Test
    void swapsToANewerModelBetweenBundlesAndRewarmsStates() throws Exception {
        byte[] v1 = TestModels.bytes(ARCH, 1, 7);
        byte[] v2 = TestModels.bytes(ARCH, 2, 8);
        try (var h = harness(settings(1), v1)) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.processElement2(new StreamRecord<>(new ModelUpdate(v2, "test")));
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            List<Forecast> out = forecasts(h);
            assertThat(out).extracting(Forecast::getModelVersion).containsExactly(1L, 2L);
            // Rewarm: the state was rebuilt by replaying the remembered inputs through v2.
            assertThat(out.get(1).getPoints().get(0).getMean()).isCloseTo(offline(v2, 1, 2, 3, 4, 5, 6, 7, 8),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void rejectsModelsThatAreInvalidOldOrDoNotFit() throws Exception {
        byte[] v1 = TestModels.bytes(ARCH, 1, 7);
        ModelSnapshot nan = TestModels.snapshot(ARCH, 5, 8);
        NamedTensor first = nan.getWeights().get(0);
        ByteBuffer data = ByteBuffer.allocate(first.getData().remaining()).order(ByteOrder.LITTLE_ENDIAN);
        while (data.hasRemaining()) {
            data.putFloat(Float.NaN);
        }
        first.setData(data.flip());
        byte[] nanBytes = SingleObjectCodec.of(ModelSnapshot.class).encode(nan);
        byte[] otherWindow = TestModels.bytes(TestModels.architecture(CellType.LSTM, 8, N + 1, 1,
                HeadType.LAST_STEP), 6, 8);
        try (var h = harness(settings(1), v1)) {
            h.open();
            h.processElement2(new StreamRecord<>(new ModelUpdate(nanBytes, "nan")));
            h.processElement2(new StreamRecord<>(new ModelUpdate(otherWindow, "window")));
            h.processElement2(new StreamRecord<>(new ModelUpdate(new byte[] {1, 2, 3}, "garbage")));
            h.processElement2(new StreamRecord<>(new ModelUpdate(v1, "same version")));
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            assertThat(forecasts(h)).extracting(Forecast::getModelVersion).containsExactly(1L);
        }
    }

    @Test
    void deadLettersSequencesWithTheWrongInputCount() throws Exception {
        try (var h = harness(settings(1), TestModels.bytes(ARCH, 1, 7))) {
            h.open();
            h.processElement1(new StreamRecord<>(new Sequence("a", new long[] {1, 2, 3, 4},
                    new double[] {1, 0, 2, 0, 3, 0, 4, 0}, 2)));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(DeadLetters.TAG)).hasSize(N).allSatisfy(r -> {
                assertThat(r.getValue().stage).isEqualTo("forecast");
                assertThat(r.getValue().reason).contains("takes 1");
            });
        }
    }

    /**
     * Steps {@code [from, from + values.length)} of an {@code N}-step window starting at {@code start}, one
     * second apart.
     */
    static Sequence chunk(String id, long start, int from, double... values) {
        Sequence whole = seq(id, start + from * 1000L, values);
        return new Sequence(id, whole.timestamps, whole.inputs, 1, from, from + values.length == N);
    }

    @Test
    void aWindowArrivingInChunksForecastsWhatTheWholeWindowDoes() throws Exception {
        byte[] model = TestModels.bytes(ARCH, 1, 7);
        try (var h = harness(settings(8), model)) {
            h.open();
            h.processElement1(new StreamRecord<>(chunk("a", 0, 0, 1)));
            h.processWatermark1(new Watermark(0));
            h.processElement1(new StreamRecord<>(chunk("a", 0, 1, 2, 3)));
            h.processWatermark1(new Watermark(2000));
            assertThat(forecasts(h)).as("no forecast before the window is complete").isEmpty();
            h.processElement1(new StreamRecord<>(chunk("a", 0, 3, 4)));
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            h.processWatermark1(new Watermark(8000));
            List<Forecast> out = forecasts(h);
            assertThat(out).extracting(Forecast::getStepsSeen).containsExactly((long) N, 2L * N);
            assertThat(out.get(0).getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2, 3, 4),
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(out.get(1).getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2, 3, 4, 5, 6, 7, 8),
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(out.get(1).getPoints().get(0).getTimestamp().toEpochMilli()).isEqualTo(8000);
        }
    }

    @Test
    void aShortFirstWindowOfAStaggeredSeriesForecastsAfterItsStepsAndCarriesTheState() throws Exception {
        byte[] model = TestModels.bytes(ARCH, 1, 7);
        try (var h = harness(settings(8), model)) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2))); // a first window of 2 of N steps
            h.processElement1(new StreamRecord<>(chunk("a", 2000, 0, 3, 4)));
            h.processWatermark1(new Watermark(3000));
            assertThat(forecasts(h)).as("the next window is not complete yet").hasSize(1);
            h.processElement1(new StreamRecord<>(chunk("a", 2000, 2, 5, 6)));
            h.processWatermark1(new Watermark(5000));
            List<Forecast> out = forecasts(h);
            assertThat(out).extracting(Forecast::getStepsSeen).containsExactly(2L, 2L + N);
            assertThat(out.get(0).getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2),
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(out.get(1).getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2, 3, 4, 5, 6),
                    org.assertj.core.data.Offset.offset(1e-5));
            assertThat(out.get(1).getLastInputTimestamp().toEpochMilli()).isEqualTo(5000);
        }
    }

    @Test
    void aWindowInProgressSurvivesSnapshotAndRestore() throws Exception {
        byte[] model = TestModels.bytes(ARCH, 1, 7);
        OperatorSubtaskState snapshot;
        try (var h = harness(settings(8), model)) {
            h.open();
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.processElement1(new StreamRecord<>(chunk("a", 4000, 0, 5, 6)));
            h.prepareSnapshotPreBarrier(1);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(settings(1), model)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement1(new StreamRecord<>(chunk("a", 4000, 2, 7, 8)));
            assertThat(forecasts(h)).singleElement().satisfies(f -> {
                assertThat(f.getStepsSeen()).isEqualTo(2 * N);
                assertThat(f.getPoints().get(0).getMean()).isCloseTo(offline(model, 1, 2, 3, 4, 5, 6, 7, 8),
                        org.assertj.core.data.Offset.offset(1e-5));
            });
        }
    }

    @Test
    void aWindowInProgressIsAFlinkPojoNotKryo() {
        assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(WindowProgress.class))
                .isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
    }

    @Test
    void deadLettersStepsWhoseWindowStartIsMissing() throws Exception {
        try (var h = harness(settings(1), TestModels.bytes(ARCH, 1, 7))) {
            h.open();
            h.processElement1(new StreamRecord<>(chunk("a", 0, 2, 3, 4)));
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            assertThat(h.getSideOutput(DeadLetters.TAG)).hasSize(2).allSatisfy(r -> {
                assertThat(r.getValue().category).isEqualTo("incomplete_window");
                assertThat(r.getValue().reason).contains("without its earlier steps");
            });
            assertThat(forecasts(h)).singleElement().satisfies(f -> assertThat(f.getStepsSeen()).isEqualTo(N));
        }
    }

    @Test
    void anIdleSeriesIsForgottenAlsoWhenNoCheckpointWroteItsWindowBack() throws Exception {
        try (var h = harness(eightySecondTtl(), TestModels.bytes(ARCH, 1, 7))) {
            h.open();
            h.processElement1(new StreamRecord<>(chunk("a", 0, 0, 1, 2)));
            h.processWatermark1(new Watermark(90_000));
            // Its window's start expired with it: the rest cannot continue it.
            h.processElement1(new StreamRecord<>(chunk("a", 0, 2, 3, 4)));
            assertThat(h.getSideOutput(DeadLetters.TAG)).hasSize(2)
                    .allSatisfy(r -> assertThat(r.getValue().category).isEqualTo("incomplete_window"));
            assertThat(forecasts(h)).isEmpty();
        }
    }
}
