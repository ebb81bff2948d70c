package io.statecast.cli.offline;

import io.statecast.cli.offline.SeriesFile.Series;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.train.TrainingResult;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.ModelSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code statecast train}: one global model over every series of a CSV file, to a model file. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one global RNN forecaster on every series of a CSV file "
                + "(series_id,timestamp,value) with truncated BPTT and write it as a ModelSnapshot "
                + "file that forecast-job --model and backtest --model read.",
                "Each series is scaled by its own statistics (fitted on its training part); the "
                + "last --validation fraction of every series is held out for early stopping."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV file with a header line series_id,timestamp,value.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Model file to write (replaced atomically).")
    Path output;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() {
        Map<String, Series> read = SeriesFile.read(input);
        Map<String, double[]> series = SeriesFile.values(read);
        PrintWriter err = spec.commandLine().getErr();
        TrainingResult result = TrainingRun.train(training, series, Seasons.of(read, null), err);
        ModelSnapshots.write(result.snapshot(), output);
        printSummary(spec.commandLine().getOut(), result.snapshot(), series.size());
        return 0;
    }

    private void printSummary(PrintWriter out, ModelSnapshot s, int seriesCount) {
        Architecture a = s.getArchitecture();
        out.printf("wrote %s: model version %d, %s %d x %d, head %s, window %d steps, horizon %d, "
                + "transform %s%n", output, s.getVersion(), a.getCell(), a.getLayers(),
                a.getHiddenSize(), a.getHead(), a.getWindowSteps(), a.getHorizon(),
                s.getScaling().getTransform());
        out.printf("series %d; training %s; validation %s%n", seriesCount,
                s.getTrainingMetrics(), s.getValidationMetrics());
        out.flush();
    }
}
