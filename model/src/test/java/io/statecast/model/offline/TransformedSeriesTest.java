package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.TrainingResult;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ValueTransform;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transforming series for training, and retraining a model under its own transform. */
class TransformedSeriesTest {

    private static final TrainerConfig CONFIG = TrainerConfig.builder().hiddenSize(4).windowSteps(4)
            .burnIn(2).maxIterations(5).validationFraction(0.3).evaluateEvery(5)
            .createdAt(Instant.EPOCH).build();

    private static Map<String, double[]> series(double first) {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("up", ramp(first, 40));
        s.put("wave", ramp(5, 40));
        s.get("wave")[7] = 9;
        return s;
    }

    private static double[] ramp(double from, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + 0.5 * i + (i % 3);
        }
        return v;
    }

    @Test
    void skipsSeriesTheTransformIsNotDefinedForAndSaysWhy() {
        TransformedSeries t = TransformedSeries.of(ValueTransform.LOG_DIFFERENCE, series(-2));
        assertThat(t.values()).containsOnlyKeys("wave");
        assertThat(t.values().get("wave")).hasSize(39);
        assertThat(t.values().get("wave")[0]).isEqualTo(Math.log(6.5) - Math.log(5));
        assertThat(t.skipped()).containsOnlyKeys("up");
        assertThat(t.skipped().get("up")).contains("positive values");
        assertThatThrownBy(t::requireAll).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("series 'up': LOG_DIFFERENCE needs positive values");
        assertThat(TransformedSeries.of(ValueTransform.DIFFERENCE, series(-2)).skipped()).isEmpty();
    }

    @Test
    void aWarmStartedRunKeepsTheTransformAndIsValidatedOnValuesOfIt() {
        Map<String, double[]> raw = series(3);
        TransformedSeries logs = TransformedSeries.of(ValueTransform.LOG_DIFFERENCE, raw);
        ModelSnapshot v1 = OfflineTraining.train(CONFIG, ValueTransform.LOG_DIFFERENCE, raw, null)
                .snapshot();
        TrainerConfig again = TrainerConfig.builder().hiddenSize(4).windowSteps(4).burnIn(2)
                .maxIterations(5).validationFraction(0.3).evaluateEvery(5).version(2L)
                .createdAt(Instant.EPOCH).build();
        TrainingResult v2 = OfflineTraining.train(again, logs, v1, null);

        assertThat(v2.snapshot().getScaling().getTransform()).isEqualTo(ValueTransform.LOG_DIFFERENCE);
        assertThat(v2.snapshot().getParentVersion()).isEqualTo(1L);
        // The scalers are the warm start's: statistics of log differences, not of levels.
        assertThat(v2.snapshot().getScaling().getPerSeries())
                .isEqualTo(v1.getScaling().getPerSeries());
        assertThat(v2.snapshot().getScaling().getPerSeries().get("up").getMean()).isLessThan(0.2);
        assertThat(OfflineTraining.validationLoss(again, logs, v2.snapshot()))
                .isCloseTo(v2.snapshot().getValidationMetrics().get("loss"), within(1e-5));
    }

    @Test
    void refusesToMixTransforms() {
        Map<String, double[]> raw = series(3);
        ModelSnapshot levels = OfflineTraining.train(CONFIG, ValueTransform.LEVEL, raw, null)
                .snapshot();
        TransformedSeries differences = TransformedSeries.of(ValueTransform.DIFFERENCE, raw);
        assertThatThrownBy(() -> OfflineTraining.train(CONFIG, differences, levels, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads LEVEL values but the series are DIFFERENCE-transformed");
        assertThatThrownBy(() -> OfflineTraining.validationLoss(CONFIG, differences, levels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads LEVEL values");
    }
}
