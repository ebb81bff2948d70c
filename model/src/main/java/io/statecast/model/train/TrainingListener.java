package io.statecast.model.train;

/** Called after every training iteration, e.g. to draw a progress bar. */
@FunctionalInterface
public interface TrainingListener {

    /** Ignores every call. */
    TrainingListener NONE = (iteration, maxIterations, trainLoss, validationLoss) -> { };

    /**
     * @param iteration 1-based iteration just finished
     * @param maxIterations iterations the run may take (fewer when it stops early)
     * @param trainLoss loss of this iteration's mini-batch, before the update
     * @param validationLoss validation loss when it was evaluated at this iteration, else NaN
     */
    void onIteration(int iteration, int maxIterations, double trainLoss, double validationLoss);
}
