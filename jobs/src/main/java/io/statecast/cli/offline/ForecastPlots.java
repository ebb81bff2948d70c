package io.statecast.cli.offline;

import io.statecast.cli.offline.ForecastCsv.SeriesWindow;
import io.statecast.model.offline.SeriesForecasts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG per series ({@code DIR/<series_id>.png}): the actual values around the test part, the
 * one-step forecasts and, with a Gaussian head, the interval as a shaded band.
 */
final class ForecastPlots {

    private static final long DAY = 86_400_000L;
    private static final Color BAND = new Color(90, 130, 200);

    private ForecastPlots() {}

    /** @return the files written */
    static List<Path> write(Path dir, List<SeriesWindow> series, int intervalPercent)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (SeriesWindow s : series) {
            Path file = dir.resolve(safeName(s.forecasts().seriesId()) + ".png");
            BitmapEncoder.saveBitmap(chart(s, intervalPercent), file.toString(),
                    BitmapEncoder.BitmapFormat.PNG);
            files.add(file);
        }
        return files;
    }

    private static XYChart chart(SeriesWindow s, int intervalPercent) {
        SeriesForecasts f = s.forecasts();
        int n = f.actual().length;
        // Some history before the test part gives context without squashing it.
        int from = Math.max(0, s.trainEnd() - Math.max(24, (n - s.trainEnd()) / 2));
        XYChart chart = new XYChartBuilder().width(1000).height(450)
                .title(f.seriesId() + ": one-step walk-forward forecasts").xAxisTitle("time")
                .yAxisTitle("value").build();
        XYStyler style = chart.getStyler();
        long span = s.timestamps()[n - 1] - s.timestamps()[from];
        style.setDatePattern(span > 400 * DAY ? "yyyy-MM" : span > 4 * DAY ? "yyyy-MM-dd"
                : "MM-dd HH:mm");
        style.setMarkerSize(0);
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotGridLinesColor(new Color(230, 230, 230));
        List<Date> allDates = dates(s.timestamps(), from, n);
        List<Date> testDates = dates(s.timestamps(), s.trainEnd(), n);
        if (!Double.isNaN(f.lower()[0][s.trainEnd()])) {
            line(chart, intervalPercent + " % interval", testDates,
                    values(f.upper()[0], s.trainEnd(), n), BAND, 1f);
            line(chart, "lower", testDates, values(f.lower()[0], s.trainEnd(), n), BAND, 1f)
                    .setShowInLegend(false);
        }
        line(chart, "actual", allDates, values(f.actual(), from, n), Color.BLACK, 1.5f);
        line(chart, "forecast", testDates, values(f.oneStep(), s.trainEnd(), n),
                new Color(220, 60, 40), 1.5f);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, List<Date> x, List<Double> y,
            Color color, float width) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(width));
        return series;
    }

    private static List<Date> dates(long[] timestamps, int from, int to) {
        List<Date> out = new ArrayList<>(to - from);
        for (int t = from; t < to; t++) {
            out.add(new Date(timestamps[t]));
        }
        return out;
    }

    private static List<Double> values(double[] v, int from, int to) {
        List<Double> out = new ArrayList<>(to - from);
        for (int t = from; t < to; t++) {
            out.add(v[t]);
        }
        return out;
    }

    /** A file name from a series id: anything but letters, digits, '-', '_' and '.' becomes '_'. */
    static String safeName(String seriesId) {
        return seriesId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
