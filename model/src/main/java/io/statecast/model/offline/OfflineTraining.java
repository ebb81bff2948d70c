package io.statecast.model.offline;

import io.statecast.model.scale.ForecastCombination;
import io.statecast.model.scale.SeriesScalers;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.serve.ServingModel;
import io.statecast.model.train.BpttTrainer;
import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.TrainingListener;
import io.statecast.model.train.TrainingResult;
import io.statecast.model.train.ValidationGate;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ScalingPolicy;
import io.statecast.schemas.ValueTransform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one global model on raw series under a {@link ValueTransform}: the series are transformed
 * with {@link ValueTransforms#apply} (the code serving uses, through {@link TransformedSeries}), the
 * {@link BpttTrainer} fits its per-series scalers and the network on the transformed values, and
 * the transform is recorded in the snapshot's scaling so that every consumer applies it the same
 * way. A {@link ModelRecipe} adds a seed ensemble and per-series forecast combinations, both stored
 * in the one snapshot. Retraining (warm start) and the validation gate go through here too, so a
 * candidate and the model it may replace are always trained and compared on values of their own
 * transform.
 */
public final class OfflineTraining {

    private OfflineTraining() {}

    /**
     * One network, no forecast combinations ({@link ModelRecipe#SINGLE}).
     *
     * @throws IllegalArgumentException when a series cannot be transformed (e.g. a non-positive
     *     value under LOG_DIFFERENCE) or the data gives no training window
     */
    public static TrainingResult train(TrainerConfig config, ValueTransform transform,
            Map<String, double[]> series, TrainingListener listener) {
        return train(config, transform, ModelRecipe.SINGLE, series, listener);
    }

    /**
     * Trains as {@code recipe} says. With forecast combinations, the members are first trained on
     * every series without its last {@code combinationHoldout} (at least one value), walked forward
     * over the held-out values to fit the combinations, and then trained again on everything; the
     * listener sees the runs one after another as one count of iterations.
     *
     * @throws IllegalArgumentException as {@link #train(TrainerConfig, ValueTransform, Map,
     *     TrainingListener)}
     */
    public static TrainingResult train(TrainerConfig config, ValueTransform transform,
            ModelRecipe recipe, Map<String, double[]> series, TrainingListener listener) {
        Progress progress = new Progress(listener, config.maxIterations(), recipe.trainingRuns());
        Map<String, ForecastCombination> combinations = Map.of();
        if (recipe.combinationHoldout() > 0) {
            Map<String, double[]> heads = new LinkedHashMap<>();
            Map<String, Integer> heldOutFrom = new LinkedHashMap<>();
            series.forEach((id, v) -> {
                int held = (int) Math.floor(v.length * recipe.combinationHoldout());
                int from = v.length - Math.max(1, held);
                heads.put(id, Arrays.copyOf(v, from));
                heldOutFrom.put(id, from);
            });
            ModelSnapshot fitted = ensemble(config, transform, recipe, heads, progress).snapshot();
            combinations = CombinationFit.fit(ServingModel.of(fitted), series, heldOutFrom,
                    recipe.periods());
        }
        TrainingResult result = ensemble(config, transform, recipe, series, progress);
        ModelSnapshot snapshot = ModelSnapshot.newBuilder(result.snapshot()).build();
        if (recipe.combinationHoldout() > 0) {
            SeriesScalers scalers = SeriesScalers.fromPolicy(snapshot.getScaling());
            combinations.forEach(scalers::combination);
            ScalingPolicy policy = scalers.toPolicy();
            policy.setTransform(transform);
            snapshot.setScaling(policy);
            snapshot.getHyperparameters().put("combination_holdout",
                    String.valueOf(recipe.combinationHoldout()));
        }
        return new TrainingResult(snapshot, result.history(), result.iterations(),
                result.stoppedEarly(), result.bestIteration());
    }

    /** The recipe's members trained on {@code series} and packed; the last member's history. */
    private static TrainingResult ensemble(TrainerConfig config, ValueTransform transform,
            ModelRecipe recipe, Map<String, double[]> series, Progress progress) {
        Map<String, double[]> transformed = TransformedSeries.of(transform, series).requireAll().values();
        List<ModelSnapshot> members = new ArrayList<>();
        TrainingResult last = null;
        for (int m = 0; m < recipe.members(); m++) {
            TrainerConfig member = config.toBuilder()
                    .seed(config.seed() + ModelRecipe.SEED_STRIDE * m).build();
            last = new BpttTrainer(member).train(transformed, null, progress.nextRun());
            members.add(last.snapshot());
        }
        Instant created = config.createdAt() != null ? config.createdAt()
                : members.get(0).getCreatedAt();
        ModelSnapshot packed = ModelSnapshot.newBuilder(
                EnsemblePacking.pack(members, created)).build();
        packed.getScaling().setTransform(transform);
        return new TrainingResult(packed, last.history(), last.iterations(), last.stoppedEarly(),
                last.bestIteration());
    }

    /** Reports consecutive trainer runs to one listener as one run of runs × max iterations. */
    private static final class Progress {
        private final TrainingListener listener;
        private final int perRun;
        private final int total;
        private int run = -1;

        Progress(TrainingListener listener, int perRun, int runs) {
            this.listener = listener == null ? TrainingListener.NONE : listener;
            this.perRun = perRun;
            this.total = perRun * runs;
        }

        TrainingListener nextRun() {
            int offset = ++run * perRun;
            return (it, max, loss, validation) ->
                    listener.onIteration(offset + it, total, loss, validation);
        }
    }

    /**
     * Trains on already transformed series, from scratch or warm-started from {@code warmStart}
     * (whose scalers it keeps); the result records the series' transform.
     *
     * @param warmStart a snapshot of the same transform and architecture, or {@code null}
     * @throws IllegalArgumentException when the warm start's transform is not the series' one, its
     *     architecture differs, or the data gives no training window
     */
    public static TrainingResult train(TrainerConfig config, TransformedSeries series,
            ModelSnapshot warmStart, TrainingListener listener) {
        if (warmStart != null) {
            checkTransform(warmStart, series);
        }
        TrainingResult result = new BpttTrainer(config).train(series.values(), warmStart, listener);
        ModelSnapshot snapshot = ModelSnapshot.newBuilder(result.snapshot()).build();
        snapshot.getScaling().setTransform(series.transform());
        return new TrainingResult(snapshot, result.history(), result.iterations(),
                result.stoppedEarly(), result.bestIteration());
    }

    /**
     * {@link ValidationGate#validationLoss} of {@code model} on the held-out windows of series of
     * its own transform: call it for a candidate and the serving model with the same
     * {@code series} to compare them on the same windows.
     *
     * @throws IllegalArgumentException when the model's transform is not the series' one, or as
     *     {@link ValidationGate#validationLoss}
     */
    public static double validationLoss(TrainerConfig config, TransformedSeries series,
            ModelSnapshot model) {
        checkTransform(model, series);
        return ValidationGate.validationLoss(config, series.values(), model);
    }

    private static void checkTransform(ModelSnapshot model, TransformedSeries series) {
        ValueTransform own = model.getScaling().getTransform();
        if (own != series.transform()) {
            throw new IllegalArgumentException("model version " + model.getVersion() + " reads "
                    + own + " values but the series are " + series.transform() + "-transformed; "
                    + "transform them with the model's own transform");
        }
    }
}
