package io.statecast.cli.offline;

import io.statecast.cli.CliException;
import io.statecast.cli.offline.ForecastCsv.SeriesWindow;
import io.statecast.cli.offline.SeriesFile.Series;
import io.statecast.model.head.GaussianOutput;
import io.statecast.model.offline.SeriesForecasts;
import io.statecast.model.offline.SeriesScore;
import io.statecast.model.offline.WalkForward;
import io.statecast.model.serve.ServingModel;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.codec.CodecException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code statecast backtest}: the streaming setting offline. Parameters are fixed after the first
 * part of every series (trained here, or read with --model); the model then walks forward over
 * every series one step at a time, carrying its recurrent state as the forecast job does, and its
 * forecasts of the rest are scored against naive and seasonal naive forecasts.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Walk-forward backtest: train on the first --train-fraction of every "
                + "series (or serve --model), forecast the rest one step at a time carrying each "
                + "series' state as the forecast job does, write the forecasts as CSV and print "
                + "MASE and sMAPE next to naive and seasonal naive.",
                "MASE is scaled by the mean absolute seasonal difference of the training part "
                + "(R's forecast::accuracy). Without --model the training options below apply."})
public final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "CSV file with a header line series_id,timestamp,value.")
    Path input;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Serve this model file instead of training one on the training part.")
    Path model;

    @Option(names = "--train-fraction", defaultValue = "0.8", paramLabel = "F",
            description = "Fraction of every series before the scored part; the model is "
                    + "trained on it unless --model is given (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--season", paramLabel = "m",
            description = "Season length for MASE, seasonal naive and the forecast "
                    + "combinations' seasonal terms (default: guessed per series from its "
                    + "timestamps: 12 monthly, 4 quarterly, else 1).")
    Integer season;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "CSV of forecasts: series_id,timestamp,actual,forecast,lower,upper.")
    Path output;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write one PNG per series (actuals, forecasts, interval) into DIR.")
    Path plot;

    @Option(names = "--interval", defaultValue = "95", paramLabel = "80|95",
            description = "Prediction interval in percent, Gaussian heads only "
                    + "(default: ${DEFAULT-VALUE}).")
    int interval;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Map<String, Series> series = SeriesFile.read(input);
        Map<String, Integer> trainEnds = trainEnds(series);
        Map<String, Integer> periods = Seasons.of(series, season);
        ServingModel served = ServingModel.of(model != null ? readModel()
                : trainOnHeads(series, trainEnds, periods));
        Map<String, SeriesForecasts> forecasts = walk(served, series);
        List<SeriesWindow> windows = new ArrayList<>();
        List<SeriesScore> scores = new ArrayList<>();
        for (Series s : series.values()) {
            int m = periods.get(s.id());
            int end = trainEnds.get(s.id());
            if (end <= m) {
                throw CliException.data("series '" + s.id() + "': its training part has " + end
                        + " values, not more than the season length " + m + ", so MASE cannot "
                        + "be scaled; raise --train-fraction or lower --season");
            }
            windows.add(new SeriesWindow(forecasts.get(s.id()), s.timestamps(), end));
            try {
                scores.add(SeriesScore.of(forecasts.get(s.id()), end, m));
            } catch (IllegalArgumentException e) {
                throw CliException.data("series '" + s.id() + "' cannot be scored: "
                        + e.getMessage());
            }
        }
        try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            ForecastCsv.write(out, windows);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("model version %d (%s), walk-forward over %d series; forecasts in %s%n",
                served.version(), model != null ? model : "trained on the first "
                        + trainFraction, series.size(), output);
        ScoreTable.print(out, scores, served.horizon());
        if (plot != null) {
            out.printf("plots: %d PNG files in %s%n",
                    ForecastPlots.write(plot, windows, interval).size(), plot);
        }
        out.flush();
        return 0;
    }

    private void checkOptions() {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw CliException.usage("--train-fraction must be in (0, 1), e.g. 0.8; got "
                    + trainFraction);
        }
        if (season != null && season < 1) {
            throw CliException.usage("--season must be >= 1 (1 = no season), got " + season);
        }
        if (interval != 80 && interval != 95) {
            throw CliException.usage("--interval must be 80 or 95, got " + interval);
        }
        if (model != null && !Files.isRegularFile(model)) {
            throw CliException.usage("model file " + model + " does not exist");
        }
    }

    private ModelSnapshot readModel() {
        try {
            return ModelSnapshots.read(model);
        } catch (IllegalArgumentException | CodecException e) {
            throw CliException.usage("model file " + model + " is not a usable ModelSnapshot: "
                    + e.getMessage());
        }
    }

    private Map<String, Integer> trainEnds(Map<String, Series> series) {
        Map<String, Integer> ends = new LinkedHashMap<>();
        series.forEach((id, s) -> {
            int end = (int) Math.floor(s.length() * trainFraction);
            if (end < 2 || end >= s.length()) {
                throw CliException.data("series '" + id + "' has " + s.length() + " values: too "
                        + "few to split at --train-fraction " + trainFraction + " into a training "
                        + "and a test part; drop it or give longer series");
            }
            ends.put(id, end);
        });
        return ends;
    }

    private ModelSnapshot trainOnHeads(Map<String, Series> series, Map<String, Integer> ends,
            Map<String, Integer> periods) {
        Map<String, double[]> heads = new LinkedHashMap<>();
        series.forEach((id, s) -> heads.put(id, s.head(ends.get(id)).values()));
        return TrainingRun.train(training, heads, periods, spec.commandLine().getErr())
                .snapshot();
    }

    private Map<String, SeriesForecasts> walk(ServingModel served, Map<String, Series> series) {
        double z = interval == 80 ? GaussianOutput.Z_80 : GaussianOutput.Z_95;
        try {
            return new WalkForward(served, 256, z).run(SeriesFile.values(series));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("cannot backtest this model: " + e.getMessage());
        }
    }
}
