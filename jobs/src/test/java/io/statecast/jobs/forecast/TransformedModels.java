package io.statecast.jobs.forecast;

import io.statecast.model.offline.OfflineTraining;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.train.TrainerConfig;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ValueTransform;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Small models trained offline under a value transform, on two positive trending waves. */
final class TransformedModels {

    static final Map<String, double[]> SERIES = new LinkedHashMap<>();
    private static final Map<String, ModelSnapshot> TRAINED = new ConcurrentHashMap<>();

    static {
        SERIES.put("a", wave(60, 20, 3, 0.4, 0.15));
        SERIES.put("b", wave(60, 50, 6, 0.3, -0.1));
    }

    private TransformedModels() {}

    static double[] wave(int n, double level, double amplitude, double frequency, double trend) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = level + trend * t + amplitude * Math.sin(frequency * t) + 0.3 * Math.cos(2.1 * t);
        }
        return v;
    }

    /**
     * A Gaussian-head GRU of horizon 2 over windows of {@code steps}, trained a little on {@link #SERIES}
     * under {@code transform} (once per transform and window), as model {@code version}.
     */
    static byte[] train(ValueTransform transform, int steps, long version) {
        ModelSnapshot trained = TRAINED.computeIfAbsent(transform + "/" + steps,
                k -> trainOn(SERIES, transform, steps, 2));
        return ModelSnapshots.toBytes(ModelSnapshot.newBuilder(trained).setVersion(version).build());
    }

    /** A Gaussian-head GRU over windows of {@code steps}, trained a little on {@code series}, version 1. */
    static ModelSnapshot trainOn(Map<String, double[]> series, ValueTransform transform, int steps, int horizon) {
        TrainerConfig config = TrainerConfig.builder().cell(CellType.GRU).hiddenSize(6).windowSteps(steps)
                .burnIn(4).head(HeadType.GAUSSIAN).horizon(horizon).batchSize(8).maxIterations(20)
                .learningRate(0.01).createdAt(Instant.EPOCH).build();
        return OfflineTraining.train(config, transform, series, null).snapshot();
    }
}
