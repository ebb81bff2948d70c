package io.statecast.jobs.forecast;

import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A series' latest {@link Forecast}, kept in arrays that are overwritten in place by the next one: the
 * series state lives long (old generation), and a new record graph per window hanging off it would
 * outlive young collections until the next window replaced it. Read back as a {@code Forecast} only
 * when the state is written to a snapshot.
 */
final class LastForecast {

    String seriesId;
    long lastInputTimestamp;
    long windowEnd;
    long modelVersion;
    long stepsSeen;
    boolean coldStart;
    /** Horizon steps held: {@code [0, steps)} of the arrays. */
    int steps;
    boolean intervals;
    long[] timestamps = new long[0];
    double[] mean = new double[0];
    double[] lower80 = new double[0];
    double[] upper80 = new double[0];
    double[] lower95 = new double[0];
    double[] upper95 = new double[0];

    static LastForecast of(Forecast f) {
        LastForecast last = new LastForecast();
        last.set(f);
        return last;
    }

    /** Overwrites this with {@code f}, reusing the arrays when they are long enough. */
    void set(Forecast f) {
        if (seriesId == null) { // a series' forecasts all carry its id: comparing would only miss the cache
            seriesId = f.getSeriesId();
        }
        lastInputTimestamp = f.getLastInputTimestamp().toEpochMilli();
        windowEnd = f.getWindowEnd().toEpochMilli();
        modelVersion = f.getModelVersion();
        stepsSeen = f.getStepsSeen();
        coldStart = f.getColdStart();
        List<ForecastPoint> points = f.getPoints();
        steps = points.size();
        if (mean.length < steps) {
            timestamps = new long[steps];
            mean = new double[steps];
            lower80 = new double[steps];
            upper80 = new double[steps];
            lower95 = new double[steps];
            upper95 = new double[steps];
        }
        intervals = steps > 0 && points.get(0).getLower80() != null;
        for (int k = 0; k < steps; k++) {
            ForecastPoint p = points.get(k);
            timestamps[k] = p.getTimestamp().toEpochMilli();
            mean[k] = p.getMean();
            if (intervals) {
                lower80[k] = p.getLower80();
                upper80[k] = p.getUpper80();
                lower95[k] = p.getLower95();
                upper95[k] = p.getUpper95();
            }
        }
    }

    LastForecast copy() {
        LastForecast c = new LastForecast();
        c.seriesId = seriesId;
        c.lastInputTimestamp = lastInputTimestamp;
        c.windowEnd = windowEnd;
        c.modelVersion = modelVersion;
        c.stepsSeen = stepsSeen;
        c.coldStart = coldStart;
        c.steps = steps;
        c.intervals = intervals;
        c.timestamps = timestamps.clone();
        c.mean = mean.clone();
        c.lower80 = lower80.clone();
        c.upper80 = upper80.clone();
        c.lower95 = lower95.clone();
        c.upper95 = upper95.clone();
        return c;
    }

    Forecast toAvro() {
        List<ForecastPoint> points = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            points.add(new ForecastPoint(Instant.ofEpochMilli(timestamps[k]), mean[k],
                    intervals ? lower80[k] : null, intervals ? upper80[k] : null,
                    intervals ? lower95[k] : null, intervals ? upper95[k] : null));
        }
        return new Forecast(seriesId, Instant.ofEpochMilli(lastInputTimestamp), Instant.ofEpochMilli(windowEnd),
                points, modelVersion, stepsSeen, coldStart);
    }
}
