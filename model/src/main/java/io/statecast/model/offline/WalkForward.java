package io.statecast.model.offline;

import io.statecast.model.scale.RunningStats;
import io.statecast.model.scale.StandardScaler;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ForecastDecoder;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.ValueTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a fixed model over whole series one step at a time, as the forecast operator does with
 * one-step sequences: every series' recurrent state is loaded into a row of a
 * {@link BatchForecaster}, advanced by its next value (transformed and scaled as the model says),
 * stored back, and the row's head read as a forecast of the next {@code h} values. Series are
 * batched across rows; parameters never change. Forecasts cover every step after the first (two
 * under differencing), so a caller scores whatever test range it likes.
 */
public final class WalkForward {

    private final ServingModel model;
    private final int capacity;
    private final double z;

    /**
     * @param capacity series advanced together in one batched step
     * @param intervalZ standard deviations to the interval bounds (e.g. 1.96 for 95 %)
     */
    public WalkForward(ServingModel model, int capacity, double intervalZ) {
        if (model.inputSize() != 1) {
            throw new IllegalArgumentException("model version " + model.version() + " reads "
                    + model.inputSize() + " inputs per step (value + covariates); the walk-forward "
                    + "feeds values only, so it needs a model of input size 1");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.model = model;
        this.capacity = capacity;
        this.z = intervalZ;
    }

    /** Forecasts of every series, in the map's order. */
    public Map<String, SeriesForecasts> run(Map<String, double[]> series) {
        Map<String, SeriesForecasts> out = new LinkedHashMap<>();
        List<Map.Entry<String, double[]>> all = new ArrayList<>(series.entrySet());
        try (BatchForecaster forecaster = model.newForecaster(Math.min(capacity, all.size()), 1)) {
            for (int from = 0; from < all.size(); from += capacity) {
                List<Walker> group = new ArrayList<>();
                for (var e : all.subList(from, Math.min(all.size(), from + capacity))) {
                    group.add(new Walker(e.getKey(), e.getValue(), forecaster));
                }
                walk(group, forecaster);
                group.forEach(w -> out.put(w.result.seriesId(), w.result));
            }
        }
        return out;
    }

    private void walk(List<Walker> group, BatchForecaster forecaster) {
        Walker[] rows = new Walker[group.size()];
        ForecastDecoder decoder = ForecastDecoder.of(model);
        double[] input = new double[1];
        boolean active = true;
        while (active) {
            int n = 0;
            active = false;
            for (Walker w : group) {
                if (w.next < w.values.length) {
                    active = true;
                    if (w.load(n, input)) {
                        rows[n++] = w;
                    }
                }
            }
            if (n > 0) {
                forecaster.run(n, 1);
                for (int r = 0; r < n; r++) {
                    rows[r].store(r, decoder);
                }
            }
        }
    }

    /** One series walking forward: its state, online statistics and forecasts. */
    private final class Walker {
        final double[] values;
        final SeriesForecasts result;
        final BatchForecaster forecaster;
        final float[] state;
        final RunningStats online = new RunningStats();
        final ValueTransform transform = model.transform();
        boolean cold = true;
        StandardScaler scale;
        int next;

        Walker(String id, double[] values, BatchForecaster forecaster) {
            this.values = values;
            this.forecaster = forecaster;
            this.result = SeriesForecasts.empty(id, values, model.horizon());
            this.state = new float[forecaster.stateSize()];
        }

        /** Loads the state and the next step's input into {@code row}; false (and on) while priming. */
        boolean load(int row, double[] input) {
            int lag = ValueTransforms.lag(transform);
            if (next < lag) {
                next++;
                return false;
            }
            double u = ValueTransforms.forward(transform, lag == 0 ? Double.NaN
                    : values[next - 1], values[next]);
            // As the operator: the scale comes from the statistics before this step's value.
            scale = model.scaleFor(result.seriesId(), online.toAvro());
            online.add(u);
            forecaster.loadState(row, cold ? null : state);
            input[0] = scale.transform(u);
            forecaster.setInput(row, 0, input, 0);
            return true;
        }

        /** Stores the row's new state and its forecasts of the next steps. */
        void store(int row, ForecastDecoder decoder) {
            forecaster.storeState(row, state);
            cold = false;
            decoder.decode(forecaster, row, scale, values, next);
            for (int k = 0; k < decoder.horizon() && next + k + 1 < values.length; k++) {
                int target = next + k + 1;
                result.mean()[k][target] = decoder.mean(k);
                if (forecaster.hasIntervals()) {
                    result.lower()[k][target] = decoder.bound(k, -z);
                    result.upper()[k][target] = decoder.bound(k, z);
                }
            }
            next++;
        }
    }
}
