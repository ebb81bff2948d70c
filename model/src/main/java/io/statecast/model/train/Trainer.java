package io.statecast.model.train;

import io.statecast.schemas.ModelSnapshot;
import java.util.Map;

/** Trains a recurrent forecaster on per-series histories and returns it as a snapshot. */
public interface Trainer {

    /**
     * Trains on {@code series} (values in time order by series id).
     *
     * @param warmStart a snapshot to continue from (its parameters and scalers; its architecture
     *     must match the trainer's), or {@code null} to start from fresh parameters
     * @param listener called after every iteration
     * @throws IllegalArgumentException when the data cannot give a training window or the warm
     *     start does not match, saying what to change
     */
    TrainingResult train(Map<String, double[]> series, ModelSnapshot warmStart,
            TrainingListener listener);
}
