package io.statecast.cli.offline;

import io.statecast.cli.CliException;
import io.statecast.model.offline.ModelRecipe;
import io.statecast.model.offline.OfflineTraining;
import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.TrainingResult;
import io.statecast.schemas.ScalingPolicy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One training run of the CLI: checks the series are long enough, trains with a progress bar
 * showing the losses on stderr, and prints a summary.
 */
final class TrainingRun {

    private TrainingRun() {}

    /** Trains on {@code series}; {@code periods} are their season lengths (see Seasons). */
    static TrainingResult train(TrainingOptions options, Map<String, double[]> series,
            Map<String, Integer> periods, PrintWriter err) {
        ModelRecipe recipe = options.recipe(periods);
        checkLengths(options, series);
        TrainerConfig config = options.config(trainingWindows(options, series));
        TrainingResult result;
        try (ProgressBar bar = progressBar(config.maxIterations() * recipe.trainingRuns(), err)) {
            double[] lastValidation = {Double.NaN};
            result = OfflineTraining.train(config, options.transform, recipe, series,
                    (it, max, loss, validation) -> {
                        if (!Double.isNaN(validation)) {
                            lastValidation[0] = validation;
                        }
                        bar.stepTo(it);
                        bar.setExtraMessage(Double.isNaN(lastValidation[0])
                                ? String.format(" loss %.4f", loss)
                                : String.format(" loss %.4f val %.4f", loss, lastValidation[0]));
                    });
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliException.usage("training failed: " + e.getMessage());
        }
        err.printf("trained %d iterations%s; kept iteration %d%s%n", result.iterations(),
                result.stoppedEarly() ? " (stopped early)" : "", result.bestIteration(),
                Double.isNaN(result.bestValidationLoss()) ? " (no validation)"
                        : String.format(" (validation loss %.4f)", result.bestValidationLoss()));
        ScalingPolicy scaling = result.snapshot().getScaling();
        if (!scaling.getForecastWeights().isEmpty()) {
            StringBuilder line = new StringBuilder(
                    "forecast combinations (network, last change, seasonal mean, seasonal change):");
            scaling.getForecastWeights().forEach((id, w) -> line.append(String.format(
                    " %s %.3f %.3f %.3f %.3f", id, w,
                    scaling.getLastChangeWeights().getOrDefault(id, 0.0),
                    scaling.getSeasonalMeanWeights().getOrDefault(id, 0.0),
                    scaling.getSeasonalChangeWeights().getOrDefault(id, 0.0))));
            err.println(line);
        }
        err.flush();
        return result;
    }

    /** Fails naming every series too short for one training window. */
    private static void checkLengths(TrainingOptions options, Map<String, double[]> series) {
        int need = (int) Math.ceil(options.windowValues() / (1 - options.validation)
                / (1 - options.combinationHoldout));
        List<String> tooShort = new ArrayList<>();
        series.forEach((id, v) -> {
            if (v.length < need) {
                tooShort.add(id + " (" + v.length + ")");
            }
        });
        if (!tooShort.isEmpty()) {
            throw CliException.data("series too short to train on: " + String.join(", ", tooShort)
                    + "; every series needs at least " + need + " values for one window (burn-in "
                    + "+ steps + horizon, plus the validation and combination holdout parts): drop "
                    + "them, or lower --steps, --burn-in, --validation or --combination-holdout");
        }
    }

    /** Training windows per pass (an upper bound; for --epochs). */
    private static long trainingWindows(TrainingOptions options, Map<String, double[]> series) {
        long windows = 0;
        for (double[] v : series.values()) {
            int train = v.length - (int) Math.floor(v.length * options.validation);
            windows += Math.max(0, train - options.windowValues() + 1);
        }
        return windows;
    }

    private static ProgressBar progressBar(int max, PrintWriter err) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("train")
                .setInitialMax(max).setUnit(" it", 1).showSpeed();
        if (System.console() == null) {
            // Not a terminal (a pipe, a log, a test): plain lines every 10 s, no cursor movement.
            builder.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(10_000)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        err.println(line);
                        err.flush();
                    }, 110));
        }
        return builder.build();
    }
}
