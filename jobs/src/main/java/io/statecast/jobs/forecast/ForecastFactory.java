package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import io.statecast.model.head.GaussianOutput;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.scale.StandardScaler;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a row of the batched model's outputs into a {@link Forecast} in the series' own units. */
final class ForecastFactory {

    private ForecastFactory() {}

    static Forecast make(BatchForecaster model, int row, Sequence seq, StandardScaler scale, long previousTimestamp,
            long stepsSeen, boolean cold) {
        long interval = interval(seq, previousTimestamp);
        List<ForecastPoint> points = new ArrayList<>(model.horizon());
        for (int k = 0; k < model.horizon(); k++) {
            double mean = scale.inverse(model.mean(row, k));
            ForecastPoint.Builder p = ForecastPoint.newBuilder()
                    .setTimestamp(Instant.ofEpochMilli(seq.lastTimestamp() + (k + 1) * interval))
                    .setMean(mean);
            if (model.hasIntervals()) {
                double sd = scale.inverseSpread(model.stdDev(row, k));
                p.setLower80(mean - GaussianOutput.Z_80 * sd).setUpper80(mean + GaussianOutput.Z_80 * sd)
                        .setLower95(mean - GaussianOutput.Z_95 * sd).setUpper95(mean + GaussianOutput.Z_95 * sd);
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
