package io.statecast.cli.offline;

import io.statecast.model.offline.Accuracy;
import io.statecast.model.offline.SeriesScore;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Prints backtest scores: one row per series, then the geometric means over series. */
final class ScoreTable {

    private static final String ROW = "%-16s %6s %5s %3s | %9s %9s %9s | %9s %9s %9s%s%n";

    private ScoreTable() {}

    static void print(PrintWriter out, List<SeriesScore> scores, int horizon) {
        String hCol = horizon > 1 ? String.format(" | %9s", "MASE@" + horizon) : "";
        out.printf("%-34s | %-29s | %-29s%s%n", "", "MASE (one step)", "sMAPE % (one step)",
                horizon > 1 ? " | MASE" : "");
        out.printf(ROW, "series", "n", "test", "m", "statecast", "naive", "snaive", "statecast",
                "naive", "snaive", hCol);
        for (SeriesScore s : scores) {
            out.printf(ROW, s.seriesId(), s.length(), s.testLength(), s.season(),
                    f(s.mase()), f(s.maseNaive()), f(s.maseSeasonalNaive()), f(s.smape()),
                    f(s.smapeNaive()), f(s.smapeSeasonalNaive()),
                    horizon > 1 ? String.format(" | %9s", f(s.maseHorizon())) : "");
        }
        out.printf(ROW, "geometric mean", "", "", "", gm(scores, SeriesScore::mase),
                gm(scores, SeriesScore::maseNaive), gm(scores, SeriesScore::maseSeasonalNaive),
                gm(scores, SeriesScore::smape), gm(scores, SeriesScore::smapeNaive),
                gm(scores, SeriesScore::smapeSeasonalNaive),
                horizon > 1 ? String.format(" | %9s", gm(scores, SeriesScore::maseHorizon)) : "");
        long beaten = scores.stream().filter(s -> s.mase() > s.maseNaive()).count();
        out.printf("statecast MASE above naive on %d of %d series%n", beaten, scores.size());
        out.flush();
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }

    private static String gm(List<SeriesScore> scores, ToDoubleFunction<SeriesScore> metric) {
        return f(Accuracy.geometricMean(scores.stream().mapToDouble(metric).toArray()));
    }
}
