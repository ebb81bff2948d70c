package io.statecast.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ScalingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BpttTrainerTest {

    @Test
    void validationLossFallsOnSineSeries() {
        TrainerConfig config = TrainingFixtures.small().maxIterations(300).build();
        TrainingResult result = new BpttTrainer(config).train(TrainingFixtures.sines(300), null,
                null);
        List<Double> losses = result.history().stream()
                .map(TrainingResult.LossPoint::validationLoss).filter(v -> !v.isNaN()).toList();
        assertThat(losses).hasSize(15);
        assertThat(result.bestValidationLoss()).isLessThan(0.1 * losses.get(0));
        assertThat(result.snapshot().getValidationMetrics().get("loss"))
                .isEqualTo(result.bestValidationLoss());
        assertThat(result.snapshot().getTrainingMetrics()).containsKeys("loss", "mse");
        assertThat(result.snapshot().getVersion()).isEqualTo(1);
        assertThat(result.snapshot().getParentVersion()).isNull();
        assertThat(result.snapshot().getHyperparameters()).containsEntry("optimizer", "ADAM")
                .containsEntry("burn_in", "5");
    }

    @Test
    void sameSeedGivesIdenticalSnapshotBytes() {
        TrainerConfig config = TrainingFixtures.small().maxIterations(40).build();
        Map<String, double[]> series = TrainingFixtures.sines(200);
        byte[] first = ModelSnapshots.toBytes(
                new BpttTrainer(config).train(series, null, null).snapshot());
        byte[] second = ModelSnapshots.toBytes(
                new BpttTrainer(config).train(series, null, null).snapshot());
        byte[] otherSeed = ModelSnapshots.toBytes(new BpttTrainer(config.toBuilder().seed(7)
                .build()).train(series, null, null).snapshot());
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void earlyStoppingStopsAndKeepsTheBestParameters() {
        // White noise: nothing to learn, so the validation loss stops improving quickly.
        SplittableRandom random = new SplittableRandom(3);
        double[] noise = new double[300];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        TrainerConfig config = TrainingFixtures.small().learningRate(0.05).maxIterations(2000)
                .evaluateEvery(5).patience(3).build();
        List<Double> reported = new ArrayList<>();
        TrainingResult result = new BpttTrainer(config).train(Map.of("noise", noise), null,
                (it, max, train, validation) -> reported.add(validation));

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.iterations()).isLessThan(2000).isEqualTo(reported.size());
        List<Double> evaluated = reported.stream().filter(v -> !v.isNaN()).toList();
        double best = evaluated.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        // The run ends `patience` evaluations after the best one.
        assertThat(evaluated.indexOf(best)).isEqualTo(evaluated.size() - 1 - 3);
        assertThat(result.bestIteration()).isEqualTo(result.iterations() - 3 * 5);
        assertThat(result.snapshot().getValidationMetrics().get("loss")).isEqualTo(best);
    }

    @Test
    void warmStartContinuesFromTheSnapshotsWeights() {
        Map<String, double[]> series = TrainingFixtures.sines(200);
        TrainerConfig config = TrainingFixtures.small().maxIterations(30).build();
        ModelSnapshot first = new BpttTrainer(config).train(series, null, null).snapshot();

        TrainerConfig next = config.toBuilder().seed(99).build();
        List<Double> losses = new ArrayList<>();
        TrainingResult second = new BpttTrainer(next).train(series, first,
                (it, max, train, validation) -> losses.add(train));

        // The same first batch through the snapshot's weights, computed independently.
        SequenceNetwork network = new SequenceNetwork(next.rnnConfig(), next.head(),
                ModelSnapshots.parameters(first, next.dataType()));
        SeriesWindows windows = new SeriesWindows(series, next, null);
        WindowBatch batch = windows.randomTrainingBatch(new SplittableRandom(99), 16);
        double expected = network.evaluate(batch.inputs(),
                BpttTrainer.initialState(network, batch), batch.targets()).loss();
        assertThat(losses.get(0)).isEqualTo(expected);
        assertThat(second.snapshot().getParentVersion()).isEqualTo(1L);
        assertThat(second.snapshot().getVersion()).isEqualTo(2L);
        assertThat(second.snapshot().getScaling()).isEqualTo(first.getScaling());
    }

    @Test
    void scalerIsFittedOnTheTrainingPartOnly() {
        Map<String, double[]> series = TrainingFixtures.sines(200);
        Map<String, double[]> changed = new LinkedHashMap<>();
        series.forEach((id, v) -> {
            double[] copy = v.clone();
            for (int i = 160; i < copy.length; i++) {
                copy[i] = 1000 + 50 * i;
            }
            changed.put(id, copy);
        });
        TrainerConfig config = TrainingFixtures.small().maxIterations(1).build();
        ScalingPolicy original = new BpttTrainer(config).train(series, null, null).snapshot()
                .getScaling();
        ScalingPolicy withOtherValidation = new BpttTrainer(config).train(changed, null, null)
                .snapshot().getScaling();
        assertThat(withOtherValidation).isEqualTo(original);
        assertThat(original.getPerSeries().get("b").getCount()).isEqualTo(160);
        assertThat(original.getPerSeries().get("b").getMean()).isBetween(4.5, 5.5);
    }

    @Test
    void warmStartWithAnotherArchitectureFailsNamingTheDifferences() {
        Map<String, double[]> series = TrainingFixtures.sines(200);
        ModelSnapshot snapshot = new BpttTrainer(TrainingFixtures.small().maxIterations(1)
                .build()).train(series, null, null).snapshot();
        BpttTrainer wider = new BpttTrainer(TrainingFixtures.small().hiddenSize(16).build());
        assertThatThrownBy(() -> wider.train(series, snapshot, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden_size is 8 in the snapshot but 16 in the config");
    }

    @Test
    void tooShortSeriesFailWithWhatToChange() {
        BpttTrainer trainer = new BpttTrainer(TrainingFixtures.small().build());
        assertThatThrownBy(() -> trainer.train(TrainingFixtures.sines(12), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no training window").hasMessageContaining("16 values");
        assertThatThrownBy(() -> trainer.train(Map.of("x", new double[] {1, Double.NaN}), null,
                null)).hasMessageContaining("series 'x' has a non-finite value NaN at index 1");
    }

    @Test
    void configRejectsBadFieldsWithWhatToDo() {
        assertThatThrownBy(() -> TrainerConfig.builder().hiddenSize(0).build())
                .hasMessage("hiddenSize must be >= 1 (e.g. 32), got 0");
        assertThatThrownBy(() -> TrainerConfig.builder().horizon(3).build())
                .hasMessageContaining("LAST_STEP head forecasts one step");
        assertThatThrownBy(() -> TrainerConfig.builder().validationFraction(1).build())
                .hasMessageContaining("validationFraction must be in [0, 1)");
        assertThatThrownBy(() -> TrainerConfig.builder().learningRate(-1).build())
                .hasMessageContaining("learningRate must be positive");
        assertThatThrownBy(() -> TrainerConfig.builder().dataType(
                org.nd4j.linalg.api.buffer.DataType.HALF).build())
                .hasMessageContaining("FLOAT or DOUBLE");
    }
}
