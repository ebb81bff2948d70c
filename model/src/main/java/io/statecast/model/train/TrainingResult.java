package io.statecast.model.train;

import io.statecast.schemas.ModelSnapshot;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param snapshot the model with the best validation loss (the last one without validation)
 * @param history one point per iteration
 * @param iterations iterations run
 * @param stoppedEarly whether early stopping ended the run before its last iteration
 * @param bestIteration iteration whose parameters the snapshot holds
 */
public record TrainingResult(ModelSnapshot snapshot, List<LossPoint> history, int iterations,
        boolean stoppedEarly, int bestIteration) {

    public TrainingResult {
        history = List.copyOf(history);
    }

    /**
     * Losses of one iteration.
     *
     * @param trainLoss the mini-batch's loss before the update
     * @param validationLoss the validation loss after the update, NaN when not evaluated
     */
    public record LossPoint(int iteration, double trainLoss, double validationLoss) {
    }

    /** Lowest validation loss seen, NaN when validation never ran. */
    public double bestValidationLoss() {
        return history.stream().mapToDouble(LossPoint::validationLoss).filter(v -> !Double.isNaN(v))
                .min().orElse(Double.NaN);
    }
}
