package io.statecast.model.train;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small series and a fast config shared by the trainer tests. */
final class TrainingFixtures {

    static final Instant CREATED_AT = Instant.parse("2026-01-02T03:04:05Z");

    private TrainingFixtures() {
    }

    /** Two sine series of {@code length} values with different level, amplitude and period. */
    static Map<String, double[]> sines(int length) {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("a", sine(length, 0, 1, 0.3));
        series.put("b", sine(length, 5, 3, 0.2));
        return series;
    }

    static double[] sine(int length, double level, double amplitude, double frequency) {
        double[] v = new double[length];
        for (int t = 0; t < length; t++) {
            v[t] = level + amplitude * Math.sin(frequency * t);
        }
        return v;
    }

    /** A small LSTM that trains in well under a second per 100 iterations. */
    static TrainerConfig.Builder small() {
        return TrainerConfig.builder().hiddenSize(8).windowSteps(10).burnIn(5).batchSize(16)
                .learningRate(0.01).maxIterations(100).evaluateEvery(20).patience(100)
                .createdAt(CREATED_AT);
    }
}
