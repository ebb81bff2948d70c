package io.statecast.cli.offline;

import io.statecast.cli.offline.SeriesFile.Series;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Season lengths m for MASE and the seasonal naive forecast, guessed from a series' timestamps:
 * 12 for monthly, 4 for quarterly data, else 1 (daily, weekly and sub-daily seasonality are not
 * guessed: give them with --season).
 */
final class Seasons {

    private static final long DAY = Duration.ofDays(1).toMillis();

    private Seasons() {}

    /** Every series' season length: {@code season} when given, else guessed. */
    static Map<String, Integer> of(Map<String, Series> series, Integer season) {
        Map<String, Integer> out = new LinkedHashMap<>();
        series.forEach((id, s) -> out.put(id, season != null ? season : guess(s.timestamps())));
        return out;
    }

    static int guess(long[] timestamps) {
        if (timestamps.length < 2) {
            return 1;
        }
        long[] gaps = new long[timestamps.length - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = timestamps[i + 1] - timestamps[i];
        }
        Arrays.sort(gaps);
        long median = gaps[gaps.length / 2];
        if (median >= 28 * DAY && median <= 31 * DAY) {
            return 12;
        }
        if (median >= 89 * DAY && median <= 92 * DAY) {
            return 4;
        }
        return 1;
    }
}
