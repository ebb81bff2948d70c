package io.statecast.model.serve;

import io.statecast.model.cell.Activation;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.scale.RunningStats;
import io.statecast.model.scale.SeriesScalers;
import io.statecast.model.scale.StandardScaler;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.ScalerKind;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.ValueTransform;
import io.statecast.schemas.codec.CodecException;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A validated model snapshot ready to serve: its architecture, its FLOAT parameters, its scalers, and
 * factories for batched forecasters. Immutable; share it, but give each thread its own forecaster.
 */
public final class ServingModel {

    private final ModelSnapshot snapshot;
    private final byte[] bytes;
    private final RnnConfig config;
    private final Map<String, INDArray> parameters;
    private final SeriesScalers scalers;
    /** {@link SeriesScalers#historyValues}, once: it walks every series' combination. */
    private final int historyValues;

    private ServingModel(ModelSnapshot snapshot, byte[] bytes) {
        this.snapshot = snapshot;
        this.bytes = bytes;
        Architecture a = snapshot.getArchitecture();
        this.config = new RnnConfig(a.getCell(), Activation.parse(a.getActivation()), a.getInputSize(),
                a.getHiddenSize(), a.getLayers());
        this.parameters = ModelSnapshots.parameters(snapshot, DataType.FLOAT);
        this.scalers = SeriesScalers.fromPolicy(snapshot.getScaling());
        this.historyValues = scalers.historyValues();
    }

    /**
     * Decodes and validates snapshot bytes.
     *
     * @throws IllegalArgumentException naming what is wrong (undecodable bytes, bad shapes, NaN weights, ...)
     */
    public static ServingModel fromBytes(byte[] bytes) {
        try {
            return new ServingModel(ModelSnapshots.fromBytes(bytes), bytes.clone());
        } catch (CodecException e) {
            throw new IllegalArgumentException("not a ModelSnapshot: " + e.getMessage(), e);
        }
    }

    /** Validates a snapshot in memory. */
    public static ServingModel of(ModelSnapshot snapshot) {
        return fromBytes(ModelSnapshots.toBytes(snapshot));
    }

    /**
     * Checks the model fits a job cutting sequences of {@code windowSteps} and forecasting {@code horizon}.
     *
     * @throws IllegalArgumentException saying which setting disagrees
     */
    public void checkFits(int windowSteps, int horizon) {
        Architecture a = snapshot.getArchitecture();
        if (a.getHorizon() != horizon) {
            throw new IllegalArgumentException("model version " + version() + " forecasts " + a.getHorizon()
                    + " steps ahead but the job's horizon is " + horizon);
        }
        if (a.getWindowSteps() != windowSteps) {
            throw new IllegalArgumentException("model version " + version() + " was trained on windows of "
                    + a.getWindowSteps() + " steps but the job cuts sequences of " + windowSteps);
        }
    }

    /** A batched forecaster over this model for up to {@code capacity} series and {@code maxSteps} steps per run. */
    public BatchForecaster newForecaster(int capacity, int maxSteps) {
        return new EngineForecaster(this, capacity, maxSteps);
    }

    /**
     * The scaling of a series' values: its own training statistics when the model has them, else its
     * online statistics once warm, else the model's global statistics; with the series' forecast
     * combination (the network's alone unless the snapshot holds one), which
     * {@link ForecastDecoder} applies.
     */
    public StandardScaler scaleFor(String seriesId, ScalerStats online) {
        if (scalers.kind() == ScalerKind.NONE || scalers.hasOwnStatistics(seriesId)
                || online.getCount() < scalers.warmupSteps()) {
            return scalers.scalerFor(seriesId);
        }
        return RunningStats.fromAvro(online).toScaler(snapshot.getScaling().getMinStd())
                .withCombination(scalers.combinationFor(seriesId));
    }

    /** True when the series is scaled by statistics of its own (training or enough online values). */
    public boolean knowsScale(String seriesId, ScalerStats online) {
        return scalers.kind() == ScalerKind.NONE || scalers.hasOwnStatistics(seriesId)
                || online.getCount() >= scalers.warmupSteps();
    }

    public long version() {
        return snapshot.getVersion();
    }

    public int inputSize() {
        return config.inputSize();
    }

    public int horizon() {
        return snapshot.getArchitecture().getHorizon();
    }

    /** What the network reads and forecasts (see {@link io.statecast.model.serve.ForecastDecoder}). */
    public ValueTransform transform() {
        return snapshot.getScaling().getTransform();
    }

    /**
     * Raw values per series, ending with the last one, that {@link ForecastDecoder} needs to apply
     * every series' forecast combination (its seasonal term): a server keeps at least this many.
     */
    public int historyValues() {
        return historyValues;
    }

    /** Steps a series needs before its forecasts stop being marked cold. */
    public int warmupSteps() {
        return scalers.warmupSteps();
    }

    public RnnConfig config() {
        return config;
    }

    public ModelSnapshot snapshot() {
        return snapshot;
    }

    Map<String, INDArray> parameters() {
        return parameters;
    }

    /** The snapshot as it was received (single-object encoded). */
    public byte[] bytes() {
        return bytes.clone();
    }
}
