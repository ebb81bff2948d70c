package io.statecast.model.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.model.serve.ServingModel;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.train.TrainerConfig;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.ValueTransform;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** OfflineTraining with an ensemble and forecast weights. */
class ModelRecipeTest {

    private static Map<String, double[]> series() {
        Map<String, double[]> series = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        double[] walk = new double[120];
        double[] wave = new double[120];
        walk[0] = 100;
        for (int t = 0; t < 120; t++) {
            walk[t] = t == 0 ? 100 : walk[t - 1] + random.nextGaussian();
            wave[t] = 50 + 5 * Math.sin(2 * Math.PI * t / 12);
        }
        series.put("walk", walk);
        series.put("wave", wave);
        return series;
    }

    private static ModelSnapshot train(ModelRecipe recipe) {
        TrainerConfig config = TrainerConfig.builder().hiddenSize(4).windowSteps(12).burnIn(6)
                .batchSize(8).maxIterations(20).learningRate(0.01).validationFraction(0)
                .balanceSeries(true).createdAt(Instant.EPOCH).build();
        int[] calls = {0};
        ModelSnapshot s = OfflineTraining.train(config, ValueTransform.DIFFERENCE, recipe,
                series(), (it, max, loss, v) -> {
                    assertThat(it).isEqualTo(++calls[0]);
                    assertThat(max).isEqualTo(20 * recipe.trainingRuns());
                }).snapshot();
        assertThat(calls[0]).isEqualTo(20 * recipe.trainingRuns());
        return s;
    }

    @Test
    void weightsAreFittedPerSeriesStoredAndServedDeterministically() {
        ModelRecipe recipe = new ModelRecipe(2, 0.25);
        ModelSnapshot snapshot = train(recipe);
        assertThat(snapshot.getArchitecture().getHiddenSize()).isEqualTo(8);
        assertThat(snapshot.getScaling().getTransform()).isEqualTo(ValueTransform.DIFFERENCE);
        Map<String, Double> weights = snapshot.getScaling().getForecastWeights();
        assertThat(weights).containsOnlyKeys("walk", "wave");
        assertThat(snapshot.getScaling().getLastChangeWeights()).containsOnlyKeys("walk", "wave");

        ServingModel served = ServingModel.fromBytes(ModelSnapshots.toBytes(snapshot));
        ScalerStats none = new ScalerStats(0L, 0.0, 0.0);
        assertThat(served.scaleFor("walk", none).combination().network())
                .isEqualTo(weights.get("walk"));
        assertThat(served.scaleFor("unseen", none).combination())
                .isEqualTo(ForecastCombination.NETWORK);
        assertThat(ModelSnapshots.toBytes(train(recipe)))
                .isEqualTo(ModelSnapshots.toBytes(snapshot));
    }

    @Test
    void theSingleRecipeStoresNoWeights() {
        assertThat(train(ModelRecipe.SINGLE).getScaling().getForecastWeights()).isEmpty();
    }

    @Test
    void aSeasonalSeriesIsOfferedTheSeasonalMeanAndServedWithIt() {
        // The wave repeats every 12 steps exactly: the mean of its phase is the next value, the
        // mean change into it the next change; one of the two is served, alone.
        ModelSnapshot snapshot = train(new ModelRecipe(1, 0.5, Map.of("wave", 12)));
        assertThat(snapshot.getScaling().getSeasonalPeriods()).containsExactly(entry("wave", 12));
        ServingModel served = ServingModel.fromBytes(ModelSnapshots.toBytes(snapshot));
        ForecastCombination wave = served.scaleFor("wave", new ScalerStats(0L, 0.0, 0.0))
                .combination();
        assertThat(wave.seasonalMean() + wave.seasonalChange()).isCloseTo(1, within(1e-6));
        assertThat(wave.network()).isZero();
        assertThat(served.historyValues()).isEqualTo(49);
    }

    @Test
    void badRecipesSayWhatToChange() {
        assertThatThrownBy(() -> new ModelRecipe(0, 0)).hasMessageContaining(">= 1 members");
        assertThatThrownBy(() -> new ModelRecipe(1, 1)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new ModelRecipe(1, 0.2, Map.of("s", 0)))
                .hasMessageContaining("series 's': a season length must be >= 1");
    }
}
