package io.statecast.jobs.forecast;

import io.statecast.jobs.demo.SyntheticSeries;
import io.statecast.jobs.testing.KafkaTestIo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Synthetic series for pipeline tests: {@code series-0 .. series-k}, one event a second from
 * {@link #START}, produced row by row (row i = every series' i-th event) so a test can feed the job in
 * phases. A last event far in the future ({@link #produceRelease}) lets the watermark release them all.
 */
final class TestSeries {

    static final long START = 1_000_000L;
    static final long STEP = 1_000L;
    /** Event time of the per-series event that releases every buffered step. */
    static final long RELEASE = 10_000_000L;

    private final Map<String, double[]> values;
    private final int rows;

    private TestSeries(Map<String, double[]> values, int rows) {
        this.values = values;
        this.rows = rows;
    }

    /** {@code count} seeded synthetic series of {@code rows} values each. */
    static TestSeries synthetic(int count, int rows) {
        Map<String, double[]> values = new LinkedHashMap<>();
        for (int s = 0; s < count; s++) {
            SyntheticSeries gen = SyntheticSeries.nth(s, 42);
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = gen.next();
            }
            values.put("series-" + s, v);
        }
        return new TestSeries(values, rows);
    }

    static long timestamp(int row) {
        return START + row * STEP;
    }

    /** The row an event time belongs to. */
    static int row(long timestamp) {
        return (int) ((timestamp - START) / STEP);
    }

    Set<String> ids() {
        return Collections.unmodifiableSet(values.keySet());
    }

    int rows() {
        return rows;
    }

    double[] values(String series) {
        return values.get(series);
    }

    /** Every series' values by id. */
    Map<String, double[]> all() {
        return Collections.unmodifiableMap(values);
    }

    /** Sends rows {@code [from, to)}, each row's events in series order. */
    void produceRows(KafkaTestIo io, String topic, int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") not within [0, " + rows + ")");
        }
        for (int i = from; i < to; i++) {
            for (var e : values.entrySet()) {
                io.sendEvent(topic, e.getKey(), timestamp(i), e.getValue()[i]);
            }
        }
        io.flush();
    }

    /** One far-future event per series: the watermark passes every row before it. */
    void produceRelease(KafkaTestIo io, String topic) {
        for (String series : values.keySet()) {
            io.sendEvent(topic, series, RELEASE, 0);
        }
        io.flush();
    }
}
