package io.statecast.model.offline;

import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.train.BpttTrainer;
import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.TrainingListener;
import io.statecast.model.train.TrainingResult;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ValueTransform;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains one global model on raw series under a {@link ValueTransform}: the series are transformed
 * with {@link ValueTransforms#apply} (the code serving uses), the {@link BpttTrainer} fits its
 * per-series scalers and the network on the transformed values, and the transform is recorded in
 * the snapshot's scaling so that every consumer applies it the same way.
 */
public final class OfflineTraining {

    private OfflineTraining() {}

    /**
     * @throws IllegalArgumentException when a series cannot be transformed (e.g. a non-positive
     *     value under LOG_DIFFERENCE) or the data gives no training window
     */
    public static TrainingResult train(TrainerConfig config, ValueTransform transform,
            Map<String, double[]> series, TrainingListener listener) {
        Map<String, double[]> transformed = new LinkedHashMap<>();
        series.forEach((id, values) -> {
            try {
                transformed.put(id, ValueTransforms.apply(transform, values));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("series '" + id + "': " + e.getMessage(), e);
            }
        });
        TrainingResult result = new BpttTrainer(config).train(transformed, null, listener);
        ModelSnapshot snapshot = ModelSnapshot.newBuilder(result.snapshot()).build();
        snapshot.getScaling().setTransform(transform);
        return new TrainingResult(snapshot, result.history(), result.iterations(),
                result.stoppedEarly(), result.bestIteration());
    }
}
