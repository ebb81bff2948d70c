package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.SeriesScale;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a row of the batched model's outputs into a {@link Forecast} in the series' own units. */
final class ForecastFactory {

    /** Two-sided normal quantiles of the 80 % and 95 % central intervals. */
    static final double Z80 = 1.2815515655446004;
    static final double Z95 = 1.959963984540054;

    private ForecastFactory() {}

    static Forecast make(BatchForecaster model, int row, Sequence seq, SeriesScale scale, long previousTimestamp,
            long stepsSeen, boolean cold) {
        long interval = interval(seq, previousTimestamp);
        List<ForecastPoint> points = new ArrayList<>(model.horizon());
        for (int k = 0; k < model.horizon(); k++) {
            double mean = scale.inverse(model.mean(row, k));
            ForecastPoint.Builder p = ForecastPoint.newBuilder()
                    .setTimestamp(Instant.ofEpochMilli(seq.lastTimestamp() + (k + 1) * interval))
                    .setMean(mean);
            if (model.hasIntervals()) {
                double sd = model.stdDev(row, k) * scale.std();
                p.setLower80(mean - Z80 * sd).setUpper80(mean + Z80 * sd)
                        .setLower95(mean - Z95 * sd).setUpper95(mean + Z95 * sd);
            }
            points.add(p.build());
        }
        return Forecast.newBuilder()
                .setSeriesId(seq.seriesId)
                .setLastInputTimestamp(Instant.ofEpochMilli(seq.lastTimestamp()))
                .setWindowEnd(Instant.ofEpochMilli(seq.lastTimestamp() + 1))
                .setPoints(points)
                .setModelVersion(model.version())
                .setStepsSeen(stepsSeen)
                .setColdStart(cold)
                .build();
    }

    /** The series' step interval: from the sequence itself, else from the previous step, else 0. */
    static long interval(Sequence seq, long previousTimestamp) {
        int n = seq.steps();
        if (n > 1) {
            return (seq.lastTimestamp() - seq.timestamps[0]) / (n - 1);
        }
        return previousTimestamp > 0 ? seq.lastTimestamp() - previousTimestamp : 0;
    }
}
