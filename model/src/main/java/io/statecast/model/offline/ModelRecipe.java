package io.statecast.model.offline;

import java.util.Map;

/**
 * What {@link OfflineTraining} builds around the trainer: a seed ensemble packed into one network
 * ({@link EnsemblePacking}) and per-series forecast combinations ({@link CombinationFit}) fitted
 * on the last {@code combinationHoldout} of every series.
 *
 * @param members networks trained with seeds {@code seed + 1000·m}, m = 0 … members − 1; their
 *     mean is the forecast (1 = a single network, as the trainer alone gives)
 * @param combinationHoldout fraction of every series held out to fit the forecast combinations,
 *     by a first training on the rest; the served model is then trained on everything. 0 = none
 *     (every series served the network's forecast)
 * @param periods season length in steps per series, offering the combinations a seasonal term;
 *     a series not in it has none
 */
public record ModelRecipe(int members, double combinationHoldout, Map<String, Integer> periods) {

    /** One network, no combination: the trainer's model as it is. */
    public static final ModelRecipe SINGLE = new ModelRecipe(1, 0);

    /** Seeds of consecutive members lie this far apart. */
    static final long SEED_STRIDE = 1000;

    public ModelRecipe {
        if (members < 1) {
            throw new IllegalArgumentException("an ensemble needs >= 1 members, got " + members);
        }
        if (!(combinationHoldout >= 0 && combinationHoldout < 1)) {
            throw new IllegalArgumentException("the combination holdout must be in [0, 1) "
                    + "(e.g. 0.2; 0 = none), got " + combinationHoldout);
        }
        periods.forEach((id, m) -> {
            if (m < 1) {
                throw new IllegalArgumentException("series '" + id + "': a season length must be "
                        + ">= 1 step (1 = no season), got " + m);
            }
        });
        periods = Map.copyOf(periods);
    }

    /** No seasons known. */
    public ModelRecipe(int members, double combinationHoldout) {
        this(members, combinationHoldout, Map.of());
    }

    /** Trainer runs this recipe takes: members, twice with combinations. */
    public int trainingRuns() {
        return members * (combinationHoldout > 0 ? 2 : 1);
    }
}
