package io.statecast.model.offline;

import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.train.BpttTrainer;
import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.TrainingListener;
import io.statecast.model.train.TrainingResult;
import io.statecast.model.train.ValidationGate;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ValueTransform;
import java.util.Map;

/**
 * Trains one global model on raw series under a {@link ValueTransform}: the series are transformed
 * with {@link ValueTransforms#apply} (the code serving uses, through {@link TransformedSeries}), the
 * {@link BpttTrainer} fits its per-series scalers and the network on the transformed values, and
 * the transform is recorded in the snapshot's scaling so that every consumer applies it the same
 * way. Retraining (warm start) and the validation gate go through here too, so a candidate and the
 * model it may replace are always trained and compared on values of their own transform.
 */
public final class OfflineTraining {

    private OfflineTraining() {}

    /**
     * @throws IllegalArgumentException when a series cannot be transformed (e.g. a non-positive
     *     value under LOG_DIFFERENCE) or the data gives no training window
     */
    public static TrainingResult train(TrainerConfig config, ValueTransform transform,
            Map<String, double[]> series, TrainingListener listener) {
        return train(config, TransformedSeries.of(transform, series).requireAll(), null, listener);
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
