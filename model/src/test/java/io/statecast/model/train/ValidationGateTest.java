package io.statecast.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.head.DenseHead;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.snapshot.SnapshotBuilder;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The gate judges the point forecast users see, in the series' units, not the likelihood alone. */
class ValidationGateTest {

    private static final TrainerConfig CONFIG = TrainingFixtures.small().head(HeadType.GAUSSIAN)
            .maxIterations(150).build();
    private static final Map<String, double[]> SERIES = TrainingFixtures.sines(300);
    private static ModelSnapshot trained;

    @BeforeAll
    static void train() {
        trained = new BpttTrainer(CONFIG).train(SERIES, null, TrainingListener.NONE).snapshot();
    }

    @Test
    void rejectsACandidateWithABetterLikelihoodButAWorseMean() {
        // An over-cautious serving model (variance e² too wide) against a candidate whose means are
        // shifted and whose variance is recalibrated to minimise the old gate's NLL.
        ModelSnapshot cautious = withHeadBias(trained, 0, 2);
        ModelSnapshot candidate = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double logVarianceShift = -2; logVarianceShift <= 2; logVarianceShift += 0.25) {
            ModelSnapshot c = withHeadBias(trained, 0.05, logVarianceShift);
            double loss = ValidationGate.validationLoss(CONFIG, SERIES, c);
            if (loss < bestLoss) {
                bestLoss = loss;
                candidate = c;
            }
        }

        assertThat(bestLoss).as("the old gate's NLL prefers the candidate")
                .isLessThan(ValidationGate.validationLoss(CONFIG, SERIES, cautious));
        ValidationGate.Verdict verdict = ValidationGate.judge(CONFIG, SERIES, candidate, cautious);
        assertThat(verdict.candidate().nll()).isLessThan(verdict.serving().nll());
        assertThat(verdict.candidate().mae()).isGreaterThan(verdict.serving().mae());
        assertThat(verdict.publish()).as(verdict.reason()).isFalse();
        assertThat(verdict.reason()).contains("MAE");
    }

    @Test
    void rejectsACandidateWithABetterMeanButAWorseLikelihood() {
        // Same means, variance blown up 100-fold: MAE equal (not strictly lower), NLL worse.
        ModelSnapshot wide = withHeadBias(trained, 0, Math.log(100));
        assertThat(ValidationGate.judge(CONFIG, SERIES, wide, trained).publish()).isFalse();
        HeldOutScore better = new HeldOutScore(0.9, 1.0, 2.0, 10);
        HeldOutScore worse = new HeldOutScore(1.0, 1.0, 1.0, 10);
        assertThat(ValidationGate.decide(HeadType.GAUSSIAN, better, worse).publish()).isFalse();
        assertThat(ValidationGate.decide(HeadType.LAST_STEP, better, worse).publish()).isTrue();
    }

    @Test
    void publishesABetterTrainedCandidate() {
        ModelSnapshot undertrained = new BpttTrainer(CONFIG.toBuilder().maxIterations(5).build())
                .train(SERIES, null, TrainingListener.NONE).snapshot();
        ValidationGate.Verdict verdict = ValidationGate.judge(CONFIG, SERIES, trained, undertrained);
        assertThat(verdict.publish()).as(verdict.reason()).isTrue();
        assertThat(ValidationGate.beats(CONFIG, SERIES, trained, undertrained)).isTrue();
    }

    @Test
    void scoresInTheSeriesUnitsAndScalesANewSeriesByItsOwnStatistics() {
        // "x" is unknown to the model: scaled by its own statistics (as the forecast operator does),
        // a series 100 times larger reads the same scaled inputs, so its errors are 100 times larger.
        double[] small = SERIES.get("b");
        double[] large = Arrays.stream(small).map(v -> 100 * v).toArray();
        HeldOutScore one = ValidationGate.score(CONFIG, Map.of("x", small), trained);
        HeldOutScore hundred = ValidationGate.score(CONFIG, Map.of("x", large), trained);
        assertThat(hundred.mae() / one.mae()).isCloseTo(100, within(1e-3));
        assertThat(hundred.mse() / one.mse()).isCloseTo(1e4, within(1e-1));
        assertThat(hundred.nll() - one.nll()).isCloseTo(Math.log(100), within(1e-4));
    }

    @Test
    void aWarmStartedCandidateKeepsTheStatisticsANewSeriesWasTrainedWith() {
        Map<String, double[]> withNew = Map.of("a", SERIES.get("a"), "new", SERIES.get("b"));
        ModelSnapshot candidate = new BpttTrainer(CONFIG.toBuilder().maxIterations(2).build())
                .train(withNew, trained, TrainingListener.NONE).snapshot();
        assertThat(trained.getScaling().getPerSeries()).doesNotContainKey("new");
        assertThat(candidate.getScaling().getPerSeries().get("new").getCount())
                .as("the training part of 300 values").isEqualTo(240);
        assertThat(candidate.getScaling().getPerSeries().get("a"))
                .isEqualTo(trained.getScaling().getPerSeries().get("a"));
    }

    /**
     * {@code model} with its head's mean bias raised by {@code meanShift} (scaled units) and its
     * log-variance bias by {@code logVarianceShift}.
     */
    private static ModelSnapshot withHeadBias(ModelSnapshot model, double meanShift,
            double logVarianceShift) {
        Map<String, INDArray> params = ModelSnapshots.parameters(model, CONFIG.dataType());
        INDArray bias = params.get(DenseHead.BIAS);
        bias.putScalar(0, bias.getDouble(0) + meanShift);
        bias.putScalar(1, bias.getDouble(1) + logVarianceShift);
        return SnapshotBuilder.forArchitecture(model.getArchitecture())
                .version(model.getVersion() + 1).parentVersion(model.getVersion())
                .createdAt(TrainingFixtures.CREATED_AT).parameters(params)
                .scaling(model.getScaling()).build();
    }
}
