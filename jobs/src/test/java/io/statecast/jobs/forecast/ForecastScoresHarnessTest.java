package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.RnnForecastOperatorHarnessTest.N;
import static io.statecast.jobs.forecast.RnnForecastOperatorHarnessTest.forecasts;
import static io.statecast.jobs.forecast.RnnForecastOperatorHarnessTest.seq;
import static io.statecast.jobs.forecast.RnnForecastOperatorHarnessTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.io.ModelUpdate;
import io.statecast.jobs.window.Sequence;
import io.statecast.schemas.CellType;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.ForecastScore;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The operator's optional scores side output: one ForecastScore per forecast point once its actual arrives. */
class ForecastScoresHarnessTest {

    static final SingleObjectCodec<ForecastScore> SCORES = SingleObjectCodec.of(ForecastScore.class);

    static KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> harness(
            HeadType head, boolean emitScores) throws Exception {
        byte[] model = TestModels.bytes(TestModels.architecture(CellType.LSTM, 8, N, 1, head), 3, 7);
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new RnnForecastOperator(settings(1), model, emitScores),
                (Sequence s) -> s.seriesId, (ModelUpdate m) -> "model", Types.STRING);
        h.setup();
        h.open();
        return h;
    }

    static List<KafkaRecord> scoreRecords(
            KeyedTwoInputStreamOperatorTestHarness<String, Sequence, ModelUpdate, KafkaRecord> h) {
        var side = h.getSideOutput(RnnForecastOperator.SCORES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void scoresThePreviousForecastAgainstTheNextActualsAndTheNaiveForecast() throws Exception {
        try (var h = harness(HeadType.GAUSSIAN, true)) {
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            assertThat(scoreRecords(h)).as("nothing to score before the next actuals").isEmpty();
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));

            Forecast first = forecasts(h).get(0);
            ForecastPoint p = first.getPoints().get(0);
            List<KafkaRecord> records = scoreRecords(h);
            assertThat(records).hasSize(1);
            assertThat(new String(records.get(0).key, StandardCharsets.UTF_8)).isEqualTo("a");
            ForecastScore s = SCORES.decode(records.get(0).value);
            assertThat(s.getSeriesId()).isEqualTo("a");
            assertThat(s.getTimestamp().toEpochMilli()).isEqualTo(4000);
            assertThat(s.getForecastFrom().toEpochMilli()).isEqualTo(3000);
            assertThat(s.getHorizonStep()).isEqualTo(1);
            assertThat(s.getModelVersion()).isEqualTo(3);
            assertThat(s.getActual()).isEqualTo(5.0);
            assertThat(s.getForecast()).isEqualTo(p.getMean());
            assertThat(s.getNaive()).isEqualTo(4.0);
            assertThat(s.getAbsError()).isCloseTo(Math.abs(5.0 - p.getMean()), within(1e-12));
            assertThat(s.getNaiveAbsError()).isEqualTo(1.0);
            assertThat(s.getInside80()).isEqualTo(5.0 >= p.getLower80() && 5.0 <= p.getUpper80());
            assertThat(s.getInside95()).isEqualTo(5.0 >= p.getLower95() && 5.0 <= p.getUpper95());
        }
    }

    @Test
    void leavesCoverageEmptyForModelsWithoutIntervals() throws Exception {
        try (var h = harness(HeadType.LAST_STEP, true)) {
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.processElement1(new StreamRecord<>(seq("b", 0, 1, 2, 3, 4)));
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            List<ForecastScore> scores = scoreRecords(h).stream().map(r -> SCORES.decode(r.value)).toList();
            assertThat(scores).extracting(ForecastScore::getSeriesId).containsExactly("a");
            assertThat(scores.get(0).getInside80()).isNull();
            assertThat(scores.get(0).getInside95()).isNull();
        }
    }

    @Test
    void emitsNoScoresUnlessAskedTo() throws Exception {
        try (var h = harness(HeadType.GAUSSIAN, false)) {
            h.processElement1(new StreamRecord<>(seq("a", 0, 1, 2, 3, 4)));
            h.processElement1(new StreamRecord<>(seq("a", 4000, 5, 6, 7, 8)));
            assertThat(forecasts(h)).hasSize(2);
            assertThat(scoreRecords(h)).isEmpty();
        }
    }
}
