package io.statecast.cli.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.statecast.cli.ExitCodes;
import io.statecast.cli.StatecastCli;
import io.statecast.model.snapshot.ModelSnapshots;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** train → backtest through the CLI on a slice of the bundled R series (nottem, WWWusage). */
class OfflineCommandsTest {

    private static final String[] SMALL = {"--hidden", "4", "--steps", "6", "--burn-in", "4",
        "--iterations", "20", "--seed", "7"};

    @TempDir
    static Path dir;
    private static Path slice;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeSlice() throws IOException {
        slice = dir.resolve("slice.csv");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(BaselineMaseTest.DATA)) {
            if (line.startsWith("series_id") || line.startsWith("nottem,")
                    || line.startsWith("WWWusage,")) {
                lines.add(line);
            }
        }
        Files.write(slice, lines);
    }

    private int run(String... args) {
        CommandLine cli = StatecastCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String[] with(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void trainThenBacktestTheModelFile() throws IOException {
        Path model = dir.resolve("model.snapshot");
        assertThat(run(with(new String[] {"train", "--input", slice.toString(), "--output",
                model.toString()}, SMALL))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wrote " + model, "LSTM 1 x 4", "GAUSSIAN",
                "transform LEVEL", "series 2");
        assertThat(err.toString()).contains("trained 20 iterations",
                "forecast combinations (network, last change, seasonal mean, seasonal change): "
                        + "WWWusage ");
        // Seasons guessed from the timestamps: nottem is monthly, WWWusage has none.
        assertThat(ModelSnapshots.read(model).getScaling().getSeasonalPeriods())
                .containsExactly(entry("nottem", 12));

        Path forecasts = dir.resolve("forecasts.csv");
        Path plots = dir.resolve("plots");
        assertThat(run("backtest", "--input", slice.toString(), "--model", model.toString(),
                "--output", forecasts.toString(), "--plot", plots.toString()))
                .as(err.toString()).isZero();
        List<String> rows = Files.readAllLines(forecasts);
        assertThat(rows.get(0)).isEqualTo("series_id,timestamp,actual,forecast,lower,upper");
        assertThat(rows).hasSize(1 + 48 + 20);
        assertThat(rows.get(1)).startsWith("nottem,1936-01-01T00:00:00Z,");
        assertThat(rows.get(1).split(",")).hasSize(6).allSatisfy(v -> assertThat(v).isNotEmpty());
        assertThat(out.toString()).contains("nottem", "WWWusage", "geometric mean",
                // The naive columns are the baselines file's values (see BaselineMaseTest).
                "1.4561", "1.5457", "0.8348");
        for (String id : List.of("nottem", "WWWusage")) {
            byte[] png = Files.readAllBytes(plots.resolve(id + ".png"));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void backtestTrainsOnTheFirstPartWithoutAModel() throws IOException {
        Path forecasts = dir.resolve("trained.csv");
        assertThat(run(with(new String[] {"backtest", "--input", slice.toString(), "--output",
                forecasts.toString(), "--train-fraction", "0.75", "--head", "point",
                "--horizon", "2", "--ensemble", "2", "--transform", "difference"}, SMALL)))
                .as(err.toString()).isZero();
        List<String> rows = Files.readAllLines(forecasts);
        assertThat(rows.get(0)).endsWith(",horizon");
        assertThat(rows).hasSize(1 + 2 * (60 + 25));
        assertThat(out.toString()).contains("trained on the first 0.75", "MASE@2");
    }

    @Test
    void errorsSayWhatIsWrongWithExitCodes() throws IOException {
        Path out = dir.resolve("x.csv");
        assertThat(run("train", "--input", dir.resolve("missing.csv").toString(), "--output",
                out.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("does not exist");

        Path header = Files.writeString(dir.resolve("header.csv"), "series_id,timestamp,value\n");
        assertThat(run("train", "--input", header.toString(), "--output", out.toString()))
                .isEqualTo(ExitCodes.DATA);
        assertThat(err.toString()).contains("no data rows");

        Path tiny = Files.writeString(dir.resolve("tiny.csv"), "series_id,timestamp,value\n"
                + "s,1,1.0\ns,2,2.0\ns,3,2.5\n");
        assertThat(run("train", "--input", tiny.toString(), "--output", out.toString()))
                .isEqualTo(ExitCodes.DATA);
        assertThat(err.toString()).contains("too short to train on: s (3)");

        assertThat(run("backtest", "--input", slice.toString(), "--output", out.toString(),
                "--train-fraction", "1.5")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--train-fraction must be in (0, 1)");
        Path garbage = Files.writeString(dir.resolve("garbage.snapshot"), "not a model");
        assertThat(run("backtest", "--input", slice.toString(), "--output", out.toString(),
                "--model", garbage.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not a usable ModelSnapshot");
        assertThat(run("train", "--input", slice.toString(), "--output", out.toString(),
                "--iterations", "5", "--epochs", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("train", "--input", slice.toString(), "--output", out.toString(),
                "--cell", "transformer")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--cell");
        assertThat(run("train", "--input", slice.toString(), "--output", out.toString(),
                "--hidden", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("hiddenSize must be >= 1");
        assertThat(run("backtest", "--input", slice.toString(), "--output", out.toString(),
                "--ensemble", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--ensemble must be >= 1");
        assertThat(run("backtest", "--input", slice.toString(), "--output", out.toString(),
                "--combination-holdout", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--combination-holdout must be in [0, 1)");
    }
}
