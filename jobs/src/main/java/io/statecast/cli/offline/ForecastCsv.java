package io.statecast.cli.offline;

import io.statecast.model.offline.SeriesForecasts;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the test part of walk-forward forecasts as CSV
 * {@code series_id,timestamp,actual,forecast,lower,upper}: one row per forecast step (timestamp =
 * the step forecast), one-step forecasts; with horizon h > 1 a last column {@code horizon} and one
 * row per step ahead. {@code lower}/{@code upper} are empty without a Gaussian head.
 */
final class ForecastCsv {

    private ForecastCsv() {}

    static void write(Writer out, List<SeriesWindow> series) throws IOException {
        int horizon = series.isEmpty() ? 1 : series.get(0).forecasts().horizon();
        List<String> header = new ArrayList<>(
                List.of("series_id", "timestamp", "actual", "forecast", "lower", "upper"));
        if (horizon > 1) {
            header.add("horizon");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator('\n').get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (SeriesWindow s : series) {
                SeriesForecasts f = s.forecasts();
                for (int k = 0; k < horizon; k++) {
                    for (int t = s.trainEnd(); t < f.actual().length; t++) {
                        List<Object> row = new ArrayList<>(List.of(f.seriesId(),
                                Instant.ofEpochMilli(s.timestamps()[t]).toString(),
                                number(f.actual()[t]), number(f.mean()[k][t]),
                                number(f.lower()[k][t]), number(f.upper()[k][t])));
                        if (horizon > 1) {
                            row.add(k + 1);
                        }
                        printer.printRecord(row);
                    }
                }
            }
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** A series' forecasts with its timestamps and the first test step. */
    record SeriesWindow(SeriesForecasts forecasts, long[] timestamps, int trainEnd) {
    }
}
