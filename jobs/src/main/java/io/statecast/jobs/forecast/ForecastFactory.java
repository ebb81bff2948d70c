package io.statecast.jobs.forecast;

import io.statecast.jobs.window.Sequence;
import io.statecast.model.head.GaussianOutput;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ForecastDecoder;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a row of the batched model's outputs, decoded into the series' own units by a
 * {@link ForecastDecoder} (unscaled, the model's transform inverted from the last raw value), into a
 * {@link Forecast}.
 */
final class ForecastFactory {

    private ForecastFactory() {}

    static Forecast make(BatchForecaster model, ForecastDecoder decoded, Sequence seq, long previousTimestamp,
            long stepsSeen, boolean cold) {
        long interval = interval(seq, previousTimestamp);
        List<ForecastPoint> points = new ArrayList<>(model.horizon());
        boolean intervals = model.hasIntervals();
        // The records' all-field constructors: their builders deep-copy the schema defaults of unset fields.
        for (int k = 0; k < model.horizon(); k++) {
            points.add(new ForecastPoint(Instant.ofEpochMilli(seq.lastTimestamp() + (k + 1) * interval),
                    decoded.mean(k),
                    intervals ? decoded.bound(k, -GaussianOutput.Z_80) : null,
                    intervals ? decoded.bound(k, GaussianOutput.Z_80) : null,
                    intervals ? decoded.bound(k, -GaussianOutput.Z_95) : null,
                    intervals ? decoded.bound(k, GaussianOutput.Z_95) : null));
        }
        return new Forecast(seq.seriesId, Instant.ofEpochMilli(seq.lastTimestamp()),
                Instant.ofEpochMilli(seq.lastTimestamp() + 1), points, model.version(), stepsSeen, cold);
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
