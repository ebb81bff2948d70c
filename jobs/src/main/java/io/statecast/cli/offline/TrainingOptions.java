package io.statecast.cli.offline;

import io.statecast.cli.CliException;
import io.statecast.model.offline.ModelRecipe;
import io.statecast.model.train.TrainerConfig;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ValueTransform;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The model and training options {@code train} and {@code backtest} share (a picocli mixin). */
final class TrainingOptions {

    /** What the head gives per horizon step. */
    enum HeadKind {
        /** A point forecast (LAST_STEP for h = 1, MULTI_HORIZON above). */
        POINT,
        /** Mean and variance: prediction intervals. */
        GAUSSIAN
    }

    @Option(names = "--cell", defaultValue = "lstm", paramLabel = "rnn|lstm|gru",
            description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
    CellType cell;

    @Option(names = "--layers", defaultValue = "1", paramLabel = "N",
            description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--hidden", defaultValue = "32", paramLabel = "N",
            description = "Units per layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--steps", defaultValue = "20", paramLabel = "n",
            description = "Window length n of truncated BPTT (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--burn-in", defaultValue = "20", paramLabel = "N",
            description = "Steps run before each window to warm its state up, as serving carries "
                    + "state across windows (default: ${DEFAULT-VALUE}).")
    int burnIn;

    @Option(names = "--horizon", defaultValue = "1", paramLabel = "h",
            description = "Steps ahead forecast at once (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--head", defaultValue = "gaussian", paramLabel = "point|gaussian",
            description = "Point forecasts, or Gaussian mean and variance for intervals "
                    + "(default: ${DEFAULT-VALUE}).")
    HeadKind head;

    @Option(names = "--transform", defaultValue = "level",
            paramLabel = "level|difference|log_difference",
            description = "What the network reads and forecasts: the value, or its change from "
                    + "the last value (an untrained model then forecasts the last value; better on "
                    + "random-walk-like series); log_difference needs positive values. The "
                    + "forecast and trainer jobs serve and retrain all three "
                    + "(default: ${DEFAULT-VALUE}).")
    ValueTransform transform;

    @ArgGroup(exclusive = true)
    Length length = new Length();

    /** --iterations or --epochs, not both. */
    static final class Length {
        @Option(names = "--iterations", paramLabel = "N",
                description = "Mini-batch updates at most (default: 2000).")
        Integer iterations;

        @Option(names = "--epochs", paramLabel = "E",
                description = "Passes over the training windows instead of --iterations.")
        Double epochs;
    }

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N",
            description = "Windows per mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001", paramLabel = "RATE",
            description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--validation", defaultValue = "0.2", paramLabel = "FRACTION",
            description = "Last fraction of every series' training part held out for early "
                    + "stopping (default: ${DEFAULT-VALUE}; 0 = none).")
    double validation;

    @Option(names = "--patience", defaultValue = "10", paramLabel = "N",
            description = "Validation checks (every 50 iterations) without improvement before "
                    + "stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--balance-series", negatable = true, defaultValue = "true",
            fallbackValue = "true",
            description = "Draw training windows series by series, so short series weigh as "
                    + "much as long ones (default: ${DEFAULT-VALUE}).")
    boolean balanceSeries;

    @Option(names = "--ensemble", defaultValue = "1", paramLabel = "K",
            description = "Networks trained with different seeds and served as one network of "
                    + "K × --hidden units whose forecast is their mean "
                    + "(default: ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--combination-holdout", defaultValue = "0.2", paramLabel = "FRACTION",
            description = "Last fraction of every series held out to fit, per series, how the "
                    + "served forecast weighs the network's change against no change (the last "
                    + "value), the last change and, for seasonal series, the seasonal mean level "
                    + "and change; then training again on everything, so training takes twice as "
                    + "long (default: ${DEFAULT-VALUE}; 0 = serve the network's forecast as it "
                    + "is).")
    double combinationHoldout;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seed of initialisation and window sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    /**
     * The trainer's settings for {@code trainingWindows} windows (for --epochs).
     *
     * @throws CliException (usage) naming the bad option
     */
    TrainerConfig config(long trainingWindows) {
        try {
            return TrainerConfig.builder().cell(cell).layers(layers).hiddenSize(hidden)
                    .windowSteps(steps).burnIn(burnIn).horizon(horizon).head(headType())
                    .maxIterations(iterations(trainingWindows)).batchSize(batchSize)
                    .learningRate(learningRate).validationFraction(validation)
                    .patience(patience).balanceSeries(balanceSeries).seed(seed).build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /**
     * The ensemble and forecast combinations around the trainer.
     *
     * @throws CliException (usage) naming the bad option
     */
    /** The recipe, offering the forecast combinations a seasonal term of {@code periods}. */
    ModelRecipe recipe(Map<String, Integer> periods) {
        if (ensemble < 1) {
            throw CliException.usage("--ensemble must be >= 1, got " + ensemble);
        }
        if (!(combinationHoldout >= 0 && combinationHoldout < 1)) {
            throw CliException.usage("--combination-holdout must be in [0, 1) (e.g. 0.2; 0 = "
                    + "none), got " + combinationHoldout);
        }
        return new ModelRecipe(ensemble, combinationHoldout, periods);
    }

    /** Values a series needs for one training window (with --validation 0). */
    int windowValues() {
        return burnIn + steps + horizon + (transform == ValueTransform.LEVEL ? 0 : 1);
    }

    private HeadType headType() {
        if (head == HeadKind.GAUSSIAN) {
            return HeadType.GAUSSIAN;
        }
        return horizon == 1 ? HeadType.LAST_STEP : HeadType.MULTI_HORIZON;
    }

    private int iterations(long trainingWindows) {
        if (length.epochs == null) {
            return length.iterations == null ? 2000 : length.iterations;
        }
        if (!(length.epochs > 0)) {
            throw CliException.usage("--epochs must be positive, got " + length.epochs);
        }
        return (int) Math.max(1, Math.ceil(length.epochs * trainingWindows / batchSize));
    }
}
