package io.statecast.jobs.trainer;

import io.statecast.model.offline.OfflineTraining;
import io.statecast.model.offline.TransformedSeries;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.TrainingResult;
import io.statecast.model.train.ValidationGate;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.ModelSnapshot;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One retraining run, off the Flink task thread: the replay buffer's raw series put through the serving
 * model's value transform ({@link TransformedSeries}; series it cannot read are left out), truncated BPTT
 * warm-started from the serving model on them ({@link OfflineTraining}), then both models judged by the
 * {@link ValidationGate} on the same held-out part of the transformed series.
 */
public final class RetrainTask implements Callable<RetrainTask.Outcome> {

    /**
     * What a run produced: the candidate (version = serving + 1; null when no series could be transformed),
     * the gate's verdict on it against the serving model (null without a candidate), and why each series
     * left out could not be transformed.
     */
    public record Outcome(ModelSnapshot candidate, ValidationGate.Verdict verdict, long millis,
            Map<String, String> skipped) {
        boolean better() {
            return candidate != null && verdict.publish();
        }

        byte[] bytes() {
            return ModelSnapshots.toBytes(candidate);
        }
    }

    private final Map<String, double[]> series;
    private final ModelSnapshot serving;
    private final TrainerConfig config;
    private final CpuPacer pacer;

    /** {@code pacer} paces the run (between iterations and validation passes) on the thread that calls it. */
    public RetrainTask(Map<String, double[]> series, ModelSnapshot serving, int iterations, double learningRate,
            int batchSize, double validationFraction, CpuPacer pacer) {
        this.series = series;
        this.serving = serving;
        this.pacer = Objects.requireNonNull(pacer, "pacer must not be null; CpuPacer.forShare(1) runs unpaced");
        Architecture a = serving.getArchitecture();
        this.config = TrainerConfig.builder()
                .cell(a.getCell()).activation(io.statecast.model.cell.Activation.parse(a.getActivation()))
                .layers(a.getLayers()).hiddenSize(a.getHiddenSize()).windowSteps(a.getWindowSteps())
                .horizon(a.getHorizon()).head(a.getHead())
                .maxIterations(iterations).learningRate(learningRate).batchSize(batchSize)
                .burnIn(a.getWindowSteps()).validationFraction(validationFraction)
                .evaluateEvery(Math.max(1, iterations / 4)).seed(serving.getVersion())
                .version(serving.getVersion() + 1).parentVersion(serving.getVersion())
                .build();
    }

    @Override
    public Outcome call() {
        long start = System.nanoTime();
        pacer.begin();
        TransformedSeries transformed = TransformedSeries.of(serving.getScaling().getTransform(), series);
        if (transformed.values().isEmpty()) {
            return new Outcome(null, null, 0, transformed.skipped());
        }
        TrainingResult result = OfflineTraining.train(config, transformed, serving, pacer);
        // Both models read the serving model's transform: the candidate was trained on these values.
        ValidationGate.Verdict verdict = ValidationGate.judge(config, transformed.values(), result.snapshot(),
                serving);
        pacer.pace();
        return new Outcome(result.snapshot(), verdict, (System.nanoTime() - start) / 1_000_000,
                transformed.skipped());
    }

    /**
     * Raw observations a series needs to give the trainer at least one training and one validation window
     * under a LEVEL model (one more under a differencing one: its first value only primes the transform).
     */
    static int minimumLength(int windowSteps, int horizon, double validationFraction) {
        // Burn-in + window + targets inside the training part; at least the targets inside the held-out part.
        int training = (int) Math.ceil((2.0 * windowSteps + horizon) / (1 - validationFraction));
        int heldOut = (int) Math.ceil(horizon / validationFraction);
        return Math.max(training, heldOut) + 1;
    }
}
