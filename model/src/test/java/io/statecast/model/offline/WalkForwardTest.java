package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.scale.StandardScaler;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ForecastDecoder;
import io.statecast.model.serve.ServingModel;
import io.statecast.model.train.TrainerConfig;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.ValueTransform;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

    private static final double Z = 1.96;
    private static Map<String, double[]> series;
    private static ServingModel model;

    @BeforeAll
    static void trainSmallModel() {
        series = new LinkedHashMap<>();
        series.put("a", wave(80, 10, 1, 0.3, 0.05));
        series.put("b", wave(60, 50, 4, 0.5, -0.2));
        series.put("c", wave(70, 20, 2, 0.2, 0.1));
        TrainerConfig config = TrainerConfig.builder().hiddenSize(6).windowSteps(8).burnIn(4)
                .head(HeadType.GAUSSIAN).horizon(2).batchSize(8).maxIterations(30)
                .learningRate(0.01).createdAt(Instant.EPOCH).build();
        model = ServingModel.of(OfflineTraining.train(config, ValueTransform.DIFFERENCE, series,
                null).snapshot());
    }

    private static double[] wave(int n, double level, double amplitude, double f, double trend) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = level + trend * t + amplitude * Math.sin(f * t);
        }
        return v;
    }

    @Test
    void trainingRecordsTheTransformInTheSnapshot() {
        assertThat(model.transform()).isEqualTo(ValueTransform.DIFFERENCE);
    }

    @Test
    void oneStepRunsCarryingStateEqualOneRunOverTheWholePrefix() {
        Map<String, SeriesForecasts> walked = new WalkForward(model, 2, Z).run(series);
        double[] y = series.get("a");
        StandardScaler scale = model.scaleFor("a", new ScalerStats(0L, 0.0, 0.0));
        double[] u = ValueTransforms.apply(ValueTransform.DIFFERENCE, y);
        ForecastDecoder decoder = ForecastDecoder.of(model);
        for (int last : new int[] {1, 17, 50, 77}) {
            // One batched run over u_1..u_last from a cold state, as a fresh forecaster sees it.
            try (BatchForecaster f = model.newForecaster(1, last)) {
                f.loadState(0, null);
                for (int step = 0; step < last; step++) {
                    f.setInput(0, step, new double[] {scale.transform(u[step])}, 0);
                }
                f.run(1, last);
                decoder.decode(f, 0, scale, y[last]);
            }
            SeriesForecasts a = walked.get("a");
            for (int k = 0; k < 2; k++) {
                assertThat(a.mean()[k][last + 1 + k]).as("mean, step %d, h %d", last, k + 1)
                        .isCloseTo(decoder.mean(k), within(1e-4));
                assertThat(a.lower()[k][last + 1 + k]).isCloseTo(decoder.bound(k, -Z),
                        within(1e-4));
                assertThat(a.upper()[k][last + 1 + k]).isCloseTo(decoder.bound(k, Z),
                        within(1e-4));
            }
        }
    }

    @Test
    void batchingSeriesTogetherChangesNothing() {
        Map<String, SeriesForecasts> alone = new WalkForward(model, 1, Z).run(series);
        Map<String, SeriesForecasts> together = new WalkForward(model, 3, Z).run(series);
        for (String id : series.keySet()) {
            for (int k = 0; k < 2; k++) {
                assertThat(together.get(id).mean()[k]).containsExactly(alone.get(id).mean()[k]);
            }
        }
    }

    @Test
    void forecastsStartAfterThePrimingValueAndCoverEveryLaterStep() {
        SeriesForecasts b = new WalkForward(model, 3, Z).run(series).get("b");
        // Value 0 primes the difference, value 1 is the first input: forecasts from t = 2 (h 1).
        assertThat(b.oneStep()[0]).isNaN();
        assertThat(b.oneStep()[1]).isNaN();
        for (int t = 2; t < b.actual().length; t++) {
            assertThat(b.oneStep()[t]).isFinite();
            assertThat(b.lower()[0][t]).isLessThan(b.oneStep()[t]);
            assertThat(b.upper()[0][t]).isGreaterThan(b.oneStep()[t]);
        }
        assertThat(b.mean()[1][2]).isNaN();
        assertThat(b.mean()[1][3]).isFinite();
    }

    @Test
    void aZeroHeadUnderDifferencingForecastsTheLastValuePlusTheMeanChange() {
        ModelSnapshot zeroed = ModelSnapshot.newBuilder(model.snapshot()).build();
        zeroed.getWeights().stream().filter(w -> w.getName().toString().startsWith("head."))
                .forEach(w -> w.setData(java.nio.ByteBuffer.allocate(w.getData().remaining())));
        ServingModel naive = ServingModel.of(zeroed);
        double drift = naive.scaleFor("a", new ScalerStats(0L, 0.0, 0.0)).inverse(0);
        double[] y = series.get("a");
        double[] f = new WalkForward(naive, 3, Z).run(series).get("a").oneStep();
        for (int t = 2; t < y.length; t++) {
            assertThat(f[t]).isCloseTo(y[t - 1] + drift, within(1e-9));
        }
    }
}
