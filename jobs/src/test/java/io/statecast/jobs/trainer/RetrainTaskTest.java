package io.statecast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.offline.OfflineTraining;
import io.statecast.model.serve.ServingModel;
import io.statecast.model.train.TrainerConfig;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ValueTransform;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The publishing decision: a candidate must beat the serving model on the same held-out windows. */
class RetrainTaskTest {

    @Test
    void aWarmStartedRunBeatsAnUndertrainedModel() {
        Map<String, double[]> data = RetrainFunctionHarnessTest.series();
        ModelSnapshot v1 = RetrainFunctionHarnessTest.undertrained(data);
        RetrainTask.Outcome o = new RetrainTask(data, v1, 150, 0.01, 32, 0.2, CpuPacer.forShare(1)).call();
        assertThat(o.better()).as("%s", o.verdict()).isTrue();
        assertThat(o.candidate().getVersion()).isEqualTo(2);
    }

    @Test
    void aDivergingRunIsNotBetter() {
        Map<String, double[]> data = RetrainFunctionHarnessTest.series();
        ModelSnapshot v1 = RetrainFunctionHarnessTest.undertrained(data);
        // A learning rate this large wrecks the weights: the candidate must lose to v1.
        RetrainTask.Outcome o = new RetrainTask(data, v1, 50, 50.0, 32, 0.2, CpuPacer.forShare(1)).call();
        assertThat(o.better()).as("%s", o.verdict()).isFalse();
    }

    @Test
    void needsEnoughObservationsForATrainingAndAValidationWindow() {
        assertThat(RetrainTask.minimumLength(10, 1, 0.2)).isEqualTo(28);
    }

    @Test
    void retrainsALogDifferenceModelOnLogDifferencesAndSkipsSeriesItCannotRead() {
        Map<String, double[]> data = new HashMap<>(RetrainFunctionHarnessTest.series());
        TrainerConfig config = TrainerConfig.builder().cell(CellType.GRU).hiddenSize(8)
                .windowSteps(RetrainFunctionHarnessTest.N).head(HeadType.LAST_STEP)
                .burnIn(RetrainFunctionHarnessTest.N).maxIterations(1).evaluateEvery(1).build();
        ModelSnapshot v1 = OfflineTraining.train(config, ValueTransform.LOG_DIFFERENCE, data, null).snapshot();
        double[] crossesZero = data.get("s0").clone();
        crossesZero[30] = -crossesZero[30];
        data.put("crosses-zero", crossesZero);

        RetrainTask.Outcome o = new RetrainTask(data, v1, 150, 0.01, 32, 0.2, CpuPacer.forShare(1)).call();
        assertThat(o.skipped()).containsOnlyKeys("crosses-zero");
        assertThat(o.skipped().get("crosses-zero")).contains("LOG_DIFFERENCE needs positive values");
        assertThat(o.candidate().getScaling().getTransform()).isEqualTo(ValueTransform.LOG_DIFFERENCE);
        // The scalers stay those of log differences, and the candidate serves.
        assertThat(o.candidate().getScaling().getPerSeries()).isEqualTo(v1.getScaling().getPerSeries());
        assertThat(ServingModel.of(o.candidate()).transform()).isEqualTo(ValueTransform.LOG_DIFFERENCE);
        assertThat(o.better()).as("%s", o.verdict()).isTrue();

        RetrainTask.Outcome none = new RetrainTask(Map.of("crosses-zero", crossesZero), v1, 10, 0.01, 32, 0.2, CpuPacer.forShare(1))
                .call();
        assertThat(none.candidate()).isNull();
        assertThat(none.verdict()).isNull();
        assertThat(none.better()).isFalse();
        assertThat(none.skipped()).containsOnlyKeys("crosses-zero");
    }
}
