package io.statecast.model.train;

import io.statecast.model.cell.Activation;
import io.statecast.model.layer.RnnConfig;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ScalerKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Settings of a truncated-BPTT training run; {@link #builder()} starts from the defaults below.
 * Every field is checked at construction with a message that says what to change.
 *
 * @param cell recurrent cell, default LSTM
 * @param activation basic-RNN activation, default TANH (ignored by LSTM and GRU)
 * @param layers stacked layers, default 1
 * @param hiddenSize units per layer, default 32
 * @param windowSteps window length n, default 20 (the book's n_steps)
 * @param horizon steps ahead h, default 1 (must be 1 for PER_STEP and LAST_STEP)
 * @param head output head, default LAST_STEP (what the forecast operator serves)
 * @param optimizer default ADAM
 * @param learningRate default 0.001 (Adam's usual rate, the book's)
 * @param momentum SGD momentum in [0, 1), default 0
 * @param batchSize windows per mini-batch, default 32
 * @param maxIterations mini-batch updates at most, default 2000
 * @param burnIn steps run without gradient before each window to warm its state up, default 20:
 *     the forecast operator carries each series' state across windows, so training from a
 *     warmed-up state matches serving; 0 gives the book's windows from a zero state
 * @param balanceSeries draw each training window's series uniformly, then a window of it, so
 *     short series weigh as much as long ones; default false (every window equally likely)
 * @param validationFraction last fraction of each series held out, in [0, 1), default 0.2
 * @param evaluateEvery iterations between validation evaluations, default 50
 * @param patience evaluations without improvement before stopping, default 10
 * @param clipNorm global-norm gradient clipping threshold, 0 = off, default 1.0
 * @param scaler STANDARD (per series, fitted on the training part) or NONE, default STANDARD
 * @param warmupSteps values a series needs for its own scaler, default 20
 * @param minStd floor on a scaler's std, default 1e-6
 * @param seed parameter initialisation and window sampling, default 42
 * @param dataType FLOAT (default, as served) or DOUBLE (gradient checks)
 * @param version snapshot version, {@code null} = 1, or the warm start's version + 1
 * @param parentVersion {@code null} = the warm start's version (none without one)
 * @param createdAt snapshot time, {@code null} = now (fix it for byte-identical snapshots)
 */
public record TrainerConfig(CellType cell, Activation activation, int layers, int hiddenSize,
        int windowSteps, int horizon, HeadType head, OptimizerKind optimizer, double learningRate,
        double momentum, int batchSize, int maxIterations, int burnIn, boolean balanceSeries,
        double validationFraction, int evaluateEvery, int patience, double clipNorm,
        ScalerKind scaler, int warmupSteps, double minStd, long seed, DataType dataType,
        Long version, Long parentVersion, Instant createdAt) {

    public TrainerConfig {
        require(cell != null, "cell must be set (RNN, LSTM or GRU)");
        require(activation != null, "activation must be set (TANH or RELU)");
        require(head != null, "head must be set (PER_STEP, LAST_STEP, MULTI_HORIZON or GAUSSIAN)");
        require(optimizer != null, "optimizer must be set (ADAM or SGD)");
        require(scaler != null, "scaler must be set (STANDARD or NONE)");
        require(dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
                "dataType must be FLOAT or DOUBLE, got " + dataType);
        positive("layers", layers, "1");
        positive("hiddenSize", hiddenSize, "32");
        positive("windowSteps", windowSteps, "20");
        positive("horizon", horizon, "1");
        require(horizon == 1 || head == HeadType.MULTI_HORIZON || head == HeadType.GAUSSIAN,
                head + " head forecasts one step: set horizon 1, or use a MULTI_HORIZON or "
                        + "GAUSSIAN head for horizon " + horizon);
        require(learningRate > 0 && Double.isFinite(learningRate),
                "learningRate must be positive and finite (e.g. 0.001), got " + learningRate);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        positive("batchSize", batchSize, "32");
        positive("maxIterations", maxIterations, "2000");
        require(burnIn >= 0, "burnIn must be >= 0 (0 = windows start from a zero state), got "
                + burnIn);
        require(validationFraction >= 0 && validationFraction < 1,
                "validationFraction must be in [0, 1) (0 = no validation), got "
                        + validationFraction);
        positive("evaluateEvery", evaluateEvery, "50");
        positive("patience", patience, "10");
        require(clipNorm >= 0 && Double.isFinite(clipNorm),
                "clipNorm must be >= 0 and finite (0 = no clipping), got " + clipNorm);
        positive("warmupSteps", warmupSteps, "20");
        require(minStd > 0 && Double.isFinite(minStd),
                "minStd must be positive and finite (e.g. 1e-6), got " + minStd);
        require(version == null || version >= 1, "version must be >= 1, got " + version);
        require(parentVersion == null || version == null || parentVersion < version,
                "parentVersion " + parentVersion + " must be below version " + version);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void positive(String name, int value, String example) {
        require(value >= 1, name + " must be >= 1 (e.g. " + example + "), got " + value);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Shape of the recurrent stack (one input: the scaled value). */
    public RnnConfig rnnConfig() {
        return new RnnConfig(cell, activation, 1, hiddenSize, layers);
    }

    /** The snapshot's architecture. */
    public Architecture architecture() {
        return Architecture.newBuilder().setCell(cell).setActivation(activation.id())
                .setLayers(layers).setHiddenSize(hiddenSize).setInputSize(1)
                .setWindowSteps(windowSteps).setHorizon(horizon).setHead(head).build();
    }

    /** The training settings as text, for the snapshot's provenance. */
    public Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("optimizer", optimizer.name());
        h.put("learning_rate", String.valueOf(learningRate));
        if (optimizer == OptimizerKind.SGD) {
            h.put("momentum", String.valueOf(momentum));
        }
        h.put("batch_size", String.valueOf(batchSize));
        h.put("max_iterations", String.valueOf(maxIterations));
        h.put("burn_in", String.valueOf(burnIn));
        h.put("balance_series", String.valueOf(balanceSeries));
        h.put("validation_fraction", String.valueOf(validationFraction));
        h.put("evaluate_every", String.valueOf(evaluateEvery));
        h.put("patience", String.valueOf(patience));
        h.put("clip_norm", String.valueOf(clipNorm));
        h.put("scaler", scaler.name());
        h.put("seed", String.valueOf(seed));
        h.put("data_type", dataType.name());
        return h;
    }

    /** Mutable builder of a {@link TrainerConfig}; {@link #build()} validates. */
    public static final class Builder {
        private CellType cell = CellType.LSTM;
        private Activation activation = Activation.TANH;
        private int layers = 1;
        private int hiddenSize = 32;
        private int windowSteps = 20;
        private int horizon = 1;
        private HeadType head = HeadType.LAST_STEP;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = 0.001;
        private double momentum;
        private int batchSize = 32;
        private int maxIterations = 2000;
        private int burnIn = 20;
        private boolean balanceSeries;
        private double validationFraction = 0.2;
        private int evaluateEvery = 50;
        private int patience = 10;
        private double clipNorm = 1.0;
        private ScalerKind scaler = ScalerKind.STANDARD;
        private int warmupSteps = 20;
        private double minStd = 1e-6;
        private long seed = 42;
        private DataType dataType = DataType.FLOAT;
        private Long version;
        private Long parentVersion;
        private Instant createdAt;

        private Builder() {
        }

        private Builder(TrainerConfig c) {
            cell(c.cell).activation(c.activation).layers(c.layers).hiddenSize(c.hiddenSize)
                    .windowSteps(c.windowSteps).horizon(c.horizon).head(c.head)
                    .optimizer(c.optimizer).learningRate(c.learningRate).momentum(c.momentum)
                    .batchSize(c.batchSize).maxIterations(c.maxIterations).burnIn(c.burnIn)
                    .balanceSeries(c.balanceSeries)
                    .validationFraction(c.validationFraction).evaluateEvery(c.evaluateEvery)
                    .patience(c.patience).clipNorm(c.clipNorm).scaler(c.scaler)
                    .warmupSteps(c.warmupSteps).minStd(c.minStd).seed(c.seed)
                    .dataType(c.dataType).version(c.version).parentVersion(c.parentVersion)
                    .createdAt(c.createdAt);
        }

        public Builder cell(CellType v) {
            cell = v;
            return this;
        }

        public Builder activation(Activation v) {
            activation = v;
            return this;
        }

        public Builder layers(int v) {
            layers = v;
            return this;
        }

        public Builder hiddenSize(int v) {
            hiddenSize = v;
            return this;
        }

        public Builder windowSteps(int v) {
            windowSteps = v;
            return this;
        }

        public Builder horizon(int v) {
            horizon = v;
            return this;
        }

        public Builder head(HeadType v) {
            head = v;
            return this;
        }

        public Builder optimizer(OptimizerKind v) {
            optimizer = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder maxIterations(int v) {
            maxIterations = v;
            return this;
        }

        public Builder burnIn(int v) {
            burnIn = v;
            return this;
        }

        public Builder balanceSeries(boolean v) {
            balanceSeries = v;
            return this;
        }

        public Builder validationFraction(double v) {
            validationFraction = v;
            return this;
        }

        public Builder evaluateEvery(int v) {
            evaluateEvery = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder scaler(ScalerKind v) {
            scaler = v;
            return this;
        }

        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        public Builder minStd(double v) {
            minStd = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder dataType(DataType v) {
            dataType = v;
            return this;
        }

        public Builder version(Long v) {
            version = v;
            return this;
        }

        public Builder parentVersion(Long v) {
            parentVersion = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public TrainerConfig build() {
            return new TrainerConfig(cell, activation, layers, hiddenSize, windowSteps, horizon,
                    head, optimizer, learningRate, momentum, batchSize, maxIterations, burnIn,
                    balanceSeries, validationFraction, evaluateEvery, patience, clipNorm, scaler,
                    warmupSteps, minStd, seed, dataType, version, parentVersion, createdAt);
        }
    }
}
