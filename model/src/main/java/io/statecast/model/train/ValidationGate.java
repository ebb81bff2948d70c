package io.statecast.model.train;

import io.statecast.model.scale.SeriesScalers;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.schemas.ModelSnapshot;
import java.util.Map;

/**
 * Compares models on the same held-out windows, each scaled by the model's own scalers: a retrained
 * candidate replaces the serving model only if it does better there.
 */
public final class ValidationGate {

    private ValidationGate() {}

    /**
     * The validation loss of {@code model} on the held-out part of {@code series}, split as {@code config}
     * splits it (the config's architecture must be the model's).
     *
     * @throws IllegalArgumentException when the data has no validation window or the architectures differ
     */
    public static double validationLoss(TrainerConfig config, Map<String, double[]> series, ModelSnapshot model) {
        new BpttTrainer(config).checkArchitecture(model.getArchitecture());
        SeriesWindows windows = new SeriesWindows(series, config, SeriesScalers.fromPolicy(model.getScaling()));
        if (windows.validationWindows() == 0) {
            throw new IllegalArgumentException("no validation window: the series are too short for windows of "
                    + config.windowSteps() + " steps with " + config.burnIn() + " burn-in steps in their last "
                    + config.validationFraction() + " fraction");
        }
        SequenceNetwork network = new SequenceNetwork(config.rnnConfig(), config.head(),
                ModelSnapshots.parameters(model, config.dataType()));
        return BpttTrainer.evaluate(network,
                windows.validationBatches(BpttTrainer.MAX_EVALUATION_WINDOWS, config.batchSize())).loss();
    }

    /** True when {@code candidate} has a strictly lower validation loss than {@code serving} on the same windows. */
    public static boolean beats(TrainerConfig config, Map<String, double[]> series, ModelSnapshot candidate,
            ModelSnapshot serving) {
        return validationLoss(config, series, candidate) < validationLoss(config, series, serving);
    }
}
