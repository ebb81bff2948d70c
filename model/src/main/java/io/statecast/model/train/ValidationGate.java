package io.statecast.model.train;

import io.statecast.model.scale.SeriesScalers;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a retrained candidate replaces the serving model, judging both as the forecast
 * job serves them ({@link HeldOutScore}): each series run one step at a time with its state carried,
 * scaled as the operator scales it (the model's own per-series statistics, and for a series it has
 * none for, the series' own statistics before the held-out part, as the operator's online ones),
 * the forecasts of held-out values scored in the series' units.
 *
 * <p>The rule: the candidate's point forecast must have a strictly lower mean absolute error (the
 * accuracy users see online) and, for a GAUSSIAN head, a negative log-likelihood no higher than the
 * serving model's (its intervals must not get worse either). A lower likelihood alone is not
 * enough: a candidate can buy it by recalibrating its variance while its mean gets worse.
 */
public final class ValidationGate {

    /** Both models' scores and the decision, with the reason in words for logs. */
    public record Verdict(HeldOutScore candidate, HeldOutScore serving, boolean publish,
            String reason) {
    }

    private ValidationGate() {}

    /**
     * The training loss (Gaussian NLL or MSE, in the model's own scaled units) of {@code model} on
     * the held-out part of {@code series}, split as {@code config} splits it (the config's
     * architecture must be the model's). Not comparable across models with different scalers:
     * the gate uses {@link #score}.
     *
     * @throws IllegalArgumentException when the data has no validation window or the architectures differ
     */
    public static double validationLoss(TrainerConfig config, Map<String, double[]> series, ModelSnapshot model) {
        return BpttTrainer.evaluate(network(config, model), heldOut(config, series, model)).loss();
    }

    /**
     * {@code model}'s {@link HeldOutScore} on the held-out part of {@code series}, split as
     * {@code config} splits it, in the series' units.
     *
     * @throws IllegalArgumentException when the data has no validation window or the architectures differ
     */
    public static HeldOutScore score(TrainerConfig config, Map<String, double[]> series, ModelSnapshot model) {
        new BpttTrainer(config).checkArchitecture(model.getArchitecture());
        return HeldOutScore.of(model, config, windows(config, series, model));
    }

    /** Scores both models on the same held-out windows and applies the rule above. */
    public static Verdict judge(TrainerConfig config, Map<String, double[]> series, ModelSnapshot candidate,
            ModelSnapshot serving) {
        return decide(config.head(), score(config, series, candidate), score(config, series, serving));
    }

    /** The rule on two scores of the same windows. */
    static Verdict decide(HeadType head, HeldOutScore candidate, HeldOutScore serving) {
        if (!(candidate.mae() < serving.mae())) {
            return new Verdict(candidate, serving, false, String.format(
                    "held-out MAE %.5g is not below the serving model's %.5g", candidate.mae(), serving.mae()));
        }
        if (head == HeadType.GAUSSIAN && !(candidate.nll() <= serving.nll())) {
            return new Verdict(candidate, serving, false, String.format("held-out MAE %.5g < %.5g but "
                    + "NLL %.5g is above the serving model's %.5g", candidate.mae(), serving.mae(),
                    candidate.nll(), serving.nll()));
        }
        return new Verdict(candidate, serving, true, String.format("held-out MAE %.5g < %.5g%s",
                candidate.mae(), serving.mae(), head == HeadType.GAUSSIAN
                        ? String.format(", NLL %.5g <= %.5g", candidate.nll(), serving.nll()) : ""));
    }

    /** True when {@link #judge} publishes {@code candidate} over {@code serving}. */
    public static boolean beats(TrainerConfig config, Map<String, double[]> series, ModelSnapshot candidate,
            ModelSnapshot serving) {
        return judge(config, series, candidate, serving).publish();
    }

    private static SequenceNetwork network(TrainerConfig config, ModelSnapshot model) {
        new BpttTrainer(config).checkArchitecture(model.getArchitecture());
        return new SequenceNetwork(config.rnnConfig(), config.head(),
                ModelSnapshots.parameters(model, config.dataType()));
    }

    private static List<WindowBatch> heldOut(TrainerConfig config, Map<String, double[]> series,
            ModelSnapshot model) {
        return windows(config, series, model).validationBatches(BpttTrainer.MAX_EVALUATION_WINDOWS,
                config.batchSize());
    }

    private static SeriesWindows windows(TrainerConfig config, Map<String, double[]> series, ModelSnapshot model) {
        SeriesWindows windows = new SeriesWindows(series, config, SeriesScalers.fromPolicy(model.getScaling()));
        if (windows.validationWindows() == 0) {
            throw new IllegalArgumentException("no validation window: the series are too short for windows of "
                    + config.windowSteps() + " steps with " + config.burnIn() + " burn-in steps in their last "
                    + config.validationFraction() + " fraction");
        }
        return windows;
    }
}
