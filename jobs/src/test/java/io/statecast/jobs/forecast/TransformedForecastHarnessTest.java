package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.RnnForecastOperatorHarnessTest.forecasts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.io.ModelUpdate;
import io.statecast.jobs.window.Sequence;
import io.statecast.model.head.GaussianOutput;
import io.statecast.model.offline.SeriesForecasts;
import io.statecast.model.offline.WalkForward;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.ValueTransform;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator serving DIFFERENCE and LOG_DIFFERENCE models forecasts what the offline walk-forward
 * (the backtest) forecasts on the same values: cold start (the first value only primes), state carried
 * across sequences, horizon steps and interval bounds, re-warm after a swap between transforms.
 */
class TransformedForecastHarnessTest {

    static final int N = 4;
    static final int REWARM = 8;
    static final double TOLERANCE = 1e-5;

    static KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> open(int steps,
            byte[] model) throws Exception {
        ForecastSettings settings = new ForecastSettings(steps, 2, 1, 1, Duration.ofMillis(20), Duration.ofDays(7),
                ForecastSettings.SwapPolicy.REWARM, REWARM);
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new RnnForecastOperator(settings, model),
                (Sequence s) -> s.seriesId, (ModelUpdate m) -> "model", Types.STRING);
        h.setup();
        h.open();
        return h;
    }

    /** Sends values {@code [from, to)} of {@code values} as windows of {@code steps}, one second apart. */
    static void send(KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> h,
            String id, double[] values, int from, int to, int steps) throws Exception {
        send(h, id, values, from, to, steps, steps);
    }

    /**
     * Sends values {@code [from, to)} as windows of {@code steps} (from a window's start), each in chunks of
     * at most {@code chunk} steps as the windower hands them on.
     */
    static void send(KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> h,
            String id, double[] values, int from, int to, int steps, int chunk) throws Exception {
        for (int s = from; s < to; s += steps) {
            for (int offset = 0; offset < steps; offset += chunk) {
                int size = Math.min(chunk, steps - offset);
                long[] ts = new long[size];
                for (int i = 0; i < size; i++) {
                    ts[i] = (s + offset + i) * 1000L;
                }
                h.processElement1(new StreamRecord<>(new Sequence(id, ts,
                        Arrays.copyOfRange(values, s + offset, s + offset + size), 1, offset,
                        offset + size == steps)));
            }
        }
    }

    static SeriesForecasts walkForward(byte[] model, String id, double[] values) {
        return new WalkForward(ServingModel.fromBytes(model), 1, GaussianOutput.Z_95).run(Map.of(id, values)).get(id);
    }

    /** Asserts {@code f}, made after value {@code last}, equals the walk-forward's forecasts of the next two. */
    static void assertMatches(Forecast f, SeriesForecasts expected, int last) {
        for (int k = 0; k < 2; k++) {
            ForecastPoint p = f.getPoints().get(k);
            int target = last + 1 + k;
            assertThat(p.getMean()).as("mean of step %d, %d ahead", last, k + 1)
                    .isCloseTo(expected.mean()[k][target], within(TOLERANCE));
            assertThat(p.getLower95()).isCloseTo(expected.lower()[k][target], within(TOLERANCE));
            assertThat(p.getUpper95()).isCloseTo(expected.upper()[k][target], within(TOLERANCE));
        }
    }

    /** Every transform with whole windows and with windows arriving in chunks of 1 and of 3 steps. */
    static Stream<Arguments> transformsAndChunks() {
        return Stream.of(ValueTransform.DIFFERENCE, ValueTransform.LOG_DIFFERENCE)
                .flatMap(t -> Stream.of(N, 1, 3).map(chunk -> Arguments.of(t, chunk)));
    }

    @ParameterizedTest
    @MethodSource("transformsAndChunks")
    void forecastsEqualTheWalkForwardFromAColdStart(ValueTransform transform, int chunk) throws Exception {
        byte[] model = TransformedModels.train(transform, N, 1);
        double[] a = TransformedModels.SERIES.get("a");
        SeriesForecasts expected = walkForward(model, "a", a);
        try (var h = open(N, model)) {
            send(h, "a", a, 0, 6 * N, N, chunk);
            List<Forecast> out = forecasts(h);
            assertThat(out).hasSize(6);
            for (int w = 0; w < out.size(); w++) {
                assertMatches(out.get(w), expected, (w + 1) * N - 1);
                // The first value only primes the transform: the first sequence gives N - 1 model steps.
                assertThat(out.get(w).getStepsSeen()).isEqualTo((w + 1L) * N - 1);
            }
            ForecastPoint p = out.get(5).getPoints().get(1);
            assertThat(p.getUpper95() - p.getUpper80()).isGreaterThan(0);
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
        }
    }

    @Test
    void oneStepSequencesOfAnUnknownSeriesPrimeThenFollowTheWalkForward() throws Exception {
        byte[] model = TransformedModels.train(ValueTransform.LOG_DIFFERENCE, 1, 1);
        // Not a training series: scaled by the global statistics, then by its own online statistics of
        // log differences once it has 20 (the model's warm-up).
        double[] c = TransformedModels.wave(40, 80, 9, 0.5, 0.3);
        SeriesForecasts expected = walkForward(model, "c", c);
        try (var h = open(1, model)) {
            send(h, "c", c, 0, 1, 1);
            assertThat(h.extractOutputValues()).as("one value only primes the transform").isEmpty();
            send(h, "c", c, 1, c.length - 2, 1);
            List<Forecast> out = forecasts(h);
            assertThat(out).hasSize(c.length - 3);
            for (int i = 0; i < out.size(); i++) {
                assertMatches(out.get(i), expected, i + 1);
            }
            assertThat(out.get(0).getColdStart()).isTrue();
            assertThat(out.get(out.size() - 1).getColdStart()).isFalse();
        }
    }

    @Test
    void rewarmsAcrossTransformsFromTheRememberedRawValues() throws Exception {
        byte[] level = TransformedModels.train(ValueTransform.LEVEL, N, 1);
        byte[] logs = TransformedModels.train(ValueTransform.LOG_DIFFERENCE, N, 2);
        byte[] differences = TransformedModels.train(ValueTransform.DIFFERENCE, N, 3);
        double[] a = TransformedModels.SERIES.get("a").clone();
        a[13] = 0; // fine for the LEVEL model; the LOG_DIFFERENCE model can only replay what follows it
        try (var h = open(N, level)) {
            send(h, "a", a, 0, 4 * N, N);
            h.processElement2(new StreamRecord<>(new ModelUpdate(logs, "test")));
            send(h, "a", a, 4 * N, 5 * N, N);
            h.processElement2(new StreamRecord<>(new ModelUpdate(differences, "test")));
            send(h, "a", a, 5 * N, 6 * N, N);
            List<Forecast> out = forecasts(h);
            assertThat(out).extracting(Forecast::getModelVersion).containsExactly(1L, 1L, 1L, 1L, 2L, 3L);
            // v2 replayed the remembered values after the zero (steps 14, 15), then read steps 16..19
            // (the walk-forward gets two more values: the actuals of the horizon it forecasts).
            SeriesForecasts logsExpected = walkForward(logs, "a", Arrays.copyOfRange(a, 14, 5 * N + 2));
            assertMatches(out.get(4), logsExpected, 5 * N - 1 - 14);
            // v3 replayed the last REWARM values (12..19, the zero included), then read steps 20..23.
            SeriesForecasts differencesExpected = walkForward(differences, "a",
                    Arrays.copyOfRange(a, 6 * N - N - REWARM, 6 * N + 2));
            assertMatches(out.get(5), differencesExpected, N + REWARM - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {N, 1})
    void deadLettersValuesTheLogTransformCannotReadAndCarriesOn(int chunk) throws Exception {
        byte[] model = TransformedModels.train(ValueTransform.LOG_DIFFERENCE, N, 1);
        double[] a = TransformedModels.SERIES.get("a");
        double[] withZero = a.clone();
        withZero[N + 1] = 0;
        SeriesForecasts expected = walkForward(model, "a", a);
        try (var h = open(N, model)) {
            send(h, "a", a, 0, N, N, chunk);
            // In chunks: the step before the zero ran already, and the steps after it follow the window.
            send(h, "a", withZero, N, 2 * N, N, chunk);
            assertThat(h.getSideOutput(DeadLetters.TAG)).hasSize(N).allSatisfy(r -> {
                assertThat(r.getValue().stage).isEqualTo("forecast");
                assertThat(r.getValue().reason).contains("LOG_DIFFERENCE transform needs positive values");
            });
            // The rejected sequence left the state alone: the next one continues from value N - 1.
            double[] skipping = new double[a.length - N];
            System.arraycopy(a, 0, skipping, 0, N);
            System.arraycopy(a, 2 * N, skipping, N, a.length - 2 * N);
            send(h, "a", a, 2 * N, 3 * N, N, chunk);
            List<Forecast> out = forecasts(h);
            assertThat(out).hasSize(2);
            assertMatches(out.get(1), walkForward(model, "a", skipping), 2 * N - 1);
            assertMatches(out.get(0), expected, N - 1);
        }
    }

    @Test
    void aModelSwapInTheMiddleOfAWindowRunsTheWholeWindowUnderTheNewModel() throws Exception {
        byte[] level = TransformedModels.train(ValueTransform.LEVEL, N, 1);
        byte[] logs = TransformedModels.train(ValueTransform.LOG_DIFFERENCE, N, 2);
        double[] a = TransformedModels.SERIES.get("a");
        try (var h = open(N, level)) {
            send(h, "a", a, 0, 4 * N, N, 1);
            // The first half of window 4 runs under v1.
            h.processElement1(new StreamRecord<>(new Sequence("a", new long[] {4 * N * 1000L,
                    (4 * N + 1) * 1000L}, Arrays.copyOfRange(a, 4 * N, 4 * N + 2), 1, 0, false)));
            h.processElement2(new StreamRecord<>(new ModelUpdate(logs, "test")));
            h.processElement1(new StreamRecord<>(new Sequence("a", new long[] {(4 * N + 2) * 1000L,
                    (4 * N + 3) * 1000L}, Arrays.copyOfRange(a, 4 * N + 2, 4 * N + 4), 1, 2, true)));
            List<Forecast> out = forecasts(h);
            assertThat(out).extracting(Forecast::getModelVersion).containsExactly(1L, 1L, 1L, 1L, 2L);
            // As if the window had arrived whole after the swap: v2 replayed the last REWARM values before
            // it (8..15), then read the window's four.
            SeriesForecasts expected = walkForward(logs, "a", Arrays.copyOfRange(a, 4 * N - REWARM, 5 * N + 2));
            assertMatches(out.get(4), expected, REWARM + N - 1);
        }
    }
}
