package io.statecast.jobs.demo;

import io.statecast.cli.input.CsvEventReader;
import io.statecast.cli.input.ParsedLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's series: a history to train the initial model on, and a live part the generator replays.
 * Either N synthetic series (sensor- and price-like) or the real R series bundled with Statecast
 * (nottem, AirPassengers, WWWusage, EuStockMarkets), split 60 % history / 40 % live.
 */
public final class DemoData {

    static final String R_DATASETS = "/datasets/r-datasets-dev.csv";
    private static final double R_HISTORY_FRACTION = 0.6;

    private final Map<String, double[]> history;
    private final Map<String, double[]> live;

    private DemoData(Map<String, double[]> history, Map<String, double[]> live) {
        this.history = history;
        this.live = live;
    }

    /** {@code series} synthetic series with {@code historySteps} of history and {@code liveSteps} live. */
    public static DemoData synthetic(int series, int historySteps, int liveSteps, long seed) {
        if (series < 1 || historySteps < 1 || liveSteps < 1) {
            throw new IllegalArgumentException("series, history and live steps must be >= 1");
        }
        Map<String, double[]> history = new LinkedHashMap<>();
        Map<String, double[]> live = new LinkedHashMap<>();
        for (int i = 0; i < series; i++) {
            SyntheticSeries gen = SyntheticSeries.nth(i, seed);
            String id = gen.kind().name().toLowerCase() + "-" + i;
            history.put(id, take(gen, historySteps));
            live.put(id, take(gen, liveSteps));
        }
        return new DemoData(history, live);
    }

    /** The bundled real series. */
    public static DemoData rDatasets() {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        try (InputStream in = DemoData.class.getResourceAsStream(R_DATASETS)) {
            if (in == null) {
                throw new IllegalStateException("the bundled data set " + R_DATASETS + " is missing from the jar");
            }
            CsvEventReader reader = new CsvEventReader(new InputStreamReader(in, StandardCharsets.UTF_8), R_DATASETS);
            for (ParsedLine line = reader.next(); line != null; line = reader.next()) {
                if (!line.isBad()) {
                    values.computeIfAbsent(line.event().getSeriesId(), k -> new ArrayList<>())
                            .add(line.event().getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + R_DATASETS, e);
        }
        Map<String, double[]> history = new LinkedHashMap<>();
        Map<String, double[]> live = new LinkedHashMap<>();
        values.forEach((id, list) -> {
            double[] all = list.stream().mapToDouble(Double::doubleValue).toArray();
            int cut = (int) Math.round(all.length * R_HISTORY_FRACTION);
            history.put(id, Arrays.copyOfRange(all, 0, cut));
            live.put(id, Arrays.copyOfRange(all, cut, all.length));
        });
        return new DemoData(history, live);
    }

    private static double[] take(SyntheticSeries gen, int steps) {
        double[] v = new double[steps];
        for (int i = 0; i < steps; i++) {
            v[i] = gen.next();
        }
        return v;
    }

    public Map<String, double[]> history() {
        return history;
    }

    public Map<String, double[]> live() {
        return live;
    }

    /** The longest live part, in steps. */
    public int liveSteps() {
        return live.values().stream().mapToInt(v -> v.length).max().orElse(0);
    }
}
