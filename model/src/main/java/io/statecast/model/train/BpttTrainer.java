package io.statecast.model.train;

import io.statecast.model.layer.StackState;
import io.statecast.model.scale.SeriesScalers;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.snapshot.SnapshotBuilder;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.ModelSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Truncated backpropagation through time over random fixed-length windows: each iteration draws a
 * mini-batch of training windows (seeded), runs each window's burn-in forward without gradient to
 * get its initial state, backpropagates the loss through the window only, clips the gradients by
 * global norm and updates with Adam or SGD. Every {@code evaluateEvery} iterations it evaluates the
 * validation windows, keeps the best parameters and stops after {@code patience} evaluations
 * without improvement. The result is a snapshot of the best parameters with the scalers.
 */
public final class BpttTrainer implements Trainer {

    /** Most windows evaluated for the validation loss and for the final metrics. */
    static final int MAX_EVALUATION_WINDOWS = 2048;

    private final TrainerConfig config;

    public BpttTrainer(TrainerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null; use "
                    + "TrainerConfig.builder().build() for the defaults");
        }
        this.config = config;
    }

    public TrainerConfig config() {
        return config;
    }

    @Override
    public TrainingResult train(Map<String, double[]> series, ModelSnapshot warmStart,
            TrainingListener listener) {
        if (warmStart != null) {
            checkArchitecture(warmStart.getArchitecture());
        }
        SequenceNetwork network = warmStart == null
                ? SequenceNetwork.initialise(config.rnnConfig(), config.head(), config.horizon(),
                        config.dataType(), config.seed())
                : new SequenceNetwork(config.rnnConfig(), config.head(),
                        ModelSnapshots.parameters(warmStart, config.dataType()));
        SeriesWindows windows = new SeriesWindows(series, config,
                warmStart == null ? null : SeriesScalers.fromPolicy(warmStart.getScaling()));
        Run run = new Run(network, windows, listener == null ? TrainingListener.NONE : listener);
        run.loop();
        return new TrainingResult(snapshot(network, windows, warmStart), run.history,
                run.iterations, run.stoppedEarly, run.bestIteration);
    }

    /**
     * Fails unless {@code a} is the architecture this trainer builds, naming every difference.
     */
    public void checkArchitecture(Architecture a) {
        Architecture want = config.architecture();
        List<String> diffs = new ArrayList<>();
        differs(diffs, "cell", a.getCell(), want.getCell());
        if (want.getCell() == io.statecast.schemas.CellType.RNN) {
            differs(diffs, "activation", a.getActivation(), want.getActivation());
        }
        differs(diffs, "layers", a.getLayers(), want.getLayers());
        differs(diffs, "hidden_size", a.getHiddenSize(), want.getHiddenSize());
        differs(diffs, "input_size", a.getInputSize(), want.getInputSize());
        differs(diffs, "window_steps", a.getWindowSteps(), want.getWindowSteps());
        differs(diffs, "horizon", a.getHorizon(), want.getHorizon());
        differs(diffs, "head", a.getHead(), want.getHead());
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("cannot warm-start from this snapshot, its "
                    + "architecture differs: " + String.join(", ", diffs) + "; train from "
                    + "scratch or configure the trainer like the snapshot");
        }
    }

    private static void differs(List<String> diffs, String field, Object have, Object want) {
        if (!have.equals(want)) {
            diffs.add(field + " is " + have + " in the snapshot but " + want + " in the config");
        }
    }

    /** Mean loss and MSE over fixed batches, weighted by rows. */
    static SequenceNetwork.Evaluation evaluate(SequenceNetwork network,
            List<WindowBatch> batches) {
        double loss = 0;
        double mse = 0;
        long rows = 0;
        for (WindowBatch b : batches) {
            SequenceNetwork.Evaluation e = network.evaluate(b.inputs(), initialState(network, b),
                    b.targets());
            loss += e.loss() * b.size();
            mse += e.mse() * b.size();
            rows += b.size();
        }
        return new SequenceNetwork.Evaluation(loss / rows, mse / rows);
    }

    /** The window's initial state: its burn-in run from zeros, or zeros without burn-in. */
    static StackState initialState(SequenceNetwork network, WindowBatch b) {
        return b.burnIn() == null ? null : network.finalState(b.burnIn(), null);
    }

    private ModelSnapshot snapshot(SequenceNetwork network, SeriesWindows windows,
            ModelSnapshot warmStart) {
        Long parent = config.parentVersion() != null ? config.parentVersion()
                : warmStart == null ? null : warmStart.getVersion();
        long version = config.version() != null ? config.version()
                : parent == null ? 1 : parent + 1;
        SnapshotBuilder builder = SnapshotBuilder.forArchitecture(config.architecture())
                .version(version).parentVersion(parent)
                .createdAt(config.createdAt() != null ? config.createdAt() : Instant.now())
                .parameters(network.parameters()).scaling(windows.scalers().toPolicy());
        config.hyperparameters().forEach(builder::hyperparameter);
        SequenceNetwork.Evaluation train = evaluate(network,
                windows.trainingBatches(MAX_EVALUATION_WINDOWS, config.batchSize()));
        builder.trainingMetric("loss", train.loss()).trainingMetric("mse", train.mse());
        if (windows.validationWindows() > 0) {
            SequenceNetwork.Evaluation v = evaluate(network,
                    windows.validationBatches(MAX_EVALUATION_WINDOWS, config.batchSize()));
            builder.validationMetric("loss", v.loss()).validationMetric("mse", v.mse());
        }
        return builder.build();
    }

    /** State of one run: the loop, early stopping and the best parameters. */
    private final class Run {
        private final SequenceNetwork network;
        private final SeriesWindows windows;
        private final TrainingListener listener;
        private final List<WindowBatch> validation;
        private final Map<String, INDArray> best = new LinkedHashMap<>();
        private final List<TrainingResult.LossPoint> history = new ArrayList<>();
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int bestIteration;
        private int iterations;
        private int evaluationsWithoutImprovement;
        private boolean stoppedEarly;

        Run(SequenceNetwork network, SeriesWindows windows, TrainingListener listener) {
            this.network = network;
            this.windows = windows;
            this.listener = listener;
            this.validation = windows.validationBatches(MAX_EVALUATION_WINDOWS,
                    config.batchSize());
            network.parameters().forEach((name, p) -> best.put(name, p.dup()));
        }

        void loop() {
            TrainingStep step = new TrainingStep(network, config.optimizer().create(
                    config.learningRate(), config.momentum()), config.clipNorm());
            SplittableRandom random = new SplittableRandom(config.seed());
            int max = config.maxIterations();
            for (int it = 1; it <= max && !stoppedEarly; it++) {
                double loss = step.run(windows.randomTrainingBatch(random, config.batchSize()));
                double validationLoss = Double.NaN;
                if (!validation.isEmpty() && (it % config.evaluateEvery() == 0 || it == max)) {
                    validationLoss = evaluate(network, validation).loss();
                    track(validationLoss, it);
                }
                iterations = it;
                history.add(new TrainingResult.LossPoint(it, loss, validationLoss));
                listener.onIteration(it, max, loss, validationLoss);
            }
            if (validation.isEmpty()) {
                bestIteration = iterations;
            } else {
                best.forEach((name, p) -> network.parameters().get(name).assign(p));
            }
        }

        private void track(double validationLoss, int it) {
            if (validationLoss < bestLoss) {
                bestLoss = validationLoss;
                bestIteration = it;
                evaluationsWithoutImprovement = 0;
                best.forEach((name, p) -> p.assign(network.parameters().get(name)));
            } else if (++evaluationsWithoutImprovement >= config.patience()) {
                stoppedEarly = it < config.maxIterations();
            }
        }
    }
}
