package io.statecast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.schemas.ModelSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The publishing decision: a candidate must beat the serving model on the same held-out windows. */
class RetrainTaskTest {

    @Test
    void aWarmStartedRunBeatsAnUndertrainedModel() {
        Map<String, double[]> data = RetrainFunctionHarnessTest.series();
        ModelSnapshot v1 = RetrainFunctionHarnessTest.undertrained(data);
        RetrainTask.Outcome o = new RetrainTask(data, v1, 150, 0.01, 32, 0.2, CpuPacer.forShare(1)).call();
        assertThat(o.better()).as("candidate %s < serving %s", o.candidateLoss(), o.servingLoss()).isTrue();
        assertThat(o.candidate().getVersion()).isEqualTo(2);
    }

    @Test
    void aDivergingRunIsNotBetter() {
        Map<String, double[]> data = RetrainFunctionHarnessTest.series();
        ModelSnapshot v1 = RetrainFunctionHarnessTest.undertrained(data);
        // A learning rate this large wrecks the weights: the candidate must lose to v1.
        RetrainTask.Outcome o = new RetrainTask(data, v1, 50, 50.0, 32, 0.2, CpuPacer.forShare(1)).call();
        assertThat(o.better()).as("candidate %s vs serving %s", o.candidateLoss(), o.servingLoss()).isFalse();
    }

    @Test
    void needsEnoughObservationsForATrainingAndAValidationWindow() {
        assertThat(RetrainTask.minimumLength(10, 1, 0.2)).isEqualTo(28);
    }
}
