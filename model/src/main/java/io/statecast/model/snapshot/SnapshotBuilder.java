package io.statecast.model.snapshot;

import io.statecast.schemas.Architecture;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.NamedTensor;
import io.statecast.schemas.ScalerKind;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.ScalingPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Makes a validated {@link ModelSnapshot} from an architecture, a parameter map and the fitted
 * scaling. Weights are written in {@link ParameterLayout}'s order whatever the map's order, and
 * maps are sorted, so equal models give equal bytes. Defaults: version 1, no parent, created now,
 * scaling NONE.
 */
public final class SnapshotBuilder {

    private final Architecture architecture;
    private long version = 1;
    private Long parentVersion;
    private Instant createdAt;
    private Map<String, INDArray> parameters = Map.of();
    private ScalingPolicy scaling =
            ScalingPolicy.newBuilder()
                    .setKind(ScalerKind.NONE)
                    .setGlobal(new ScalerStats(0L, 0.0, 0.0))
                    .build();
    private final Map<String, String> hyperparameters = new TreeMap<>();
    private final Map<String, Double> trainingMetrics = new TreeMap<>();
    private final Map<String, Double> validationMetrics = new TreeMap<>();

    private SnapshotBuilder(Architecture architecture) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
    }

    public static SnapshotBuilder forArchitecture(Architecture architecture) {
        return new SnapshotBuilder(architecture);
    }

    public SnapshotBuilder version(long version) {
        this.version = version;
        return this;
    }

    /** The version this one was warm-started from, or null. */
    public SnapshotBuilder parentVersion(Long parentVersion) {
        this.parentVersion = parentVersion;
        return this;
    }

    /** Creation time, truncated to the millisecond the schema stores. */
    public SnapshotBuilder createdAt(Instant createdAt) {
        this.createdAt =
                Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        return this;
    }

    /** All parameters by name (read at {@link #build()}, not copied before). */
    public SnapshotBuilder parameters(Map<String, INDArray> parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        return this;
    }

    public SnapshotBuilder scaling(ScalingPolicy scaling) {
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        return this;
    }

    public SnapshotBuilder hyperparameter(String name, Object value) {
        hyperparameters.put(name, String.valueOf(value));
        return this;
    }

    public SnapshotBuilder trainingMetric(String name, double value) {
        trainingMetrics.put(name, value);
        return this;
    }

    public SnapshotBuilder validationMetric(String name, double value) {
        validationMetrics.put(name, value);
        return this;
    }

    /**
     * Encodes the parameters and validates the result.
     *
     * @throws InvalidSnapshotException naming the first problem (missing or extra parameter, wrong
     *     shape, non-finite value, bad architecture or scaling)
     */
    public ModelSnapshot build() {
        SnapshotValidator.validateArchitecture(architecture);
        Map<String, long[]> expected = ParameterLayout.expectedShapes(architecture);
        List<NamedTensor> weights = new ArrayList<>(parameters.size());
        for (String name : expected.keySet()) {
            if (parameters.containsKey(name)) {
                weights.add(NamedTensors.toNamedTensor(name, parameters.get(name)));
            }
        }
        for (Map.Entry<String, INDArray> entry : parameters.entrySet()) {
            if (!expected.containsKey(entry.getKey())) {
                weights.add(NamedTensors.toNamedTensor(entry.getKey(), entry.getValue()));
            }
        }
        ModelSnapshot snapshot =
                ModelSnapshot.newBuilder()
                        .setVersion(version)
                        .setParentVersion(parentVersion)
                        .setCreatedAt(
                                createdAt == null
                                        ? Instant.now().truncatedTo(ChronoUnit.MILLIS)
                                        : createdAt)
                        .setArchitecture(Architecture.newBuilder(architecture).build())
                        .setHyperparameters(new LinkedHashMap<>(hyperparameters))
                        .setScaling(scaling)
                        .setWeights(weights)
                        .setTrainingMetrics(new LinkedHashMap<>(trainingMetrics))
                        .setValidationMetrics(new LinkedHashMap<>(validationMetrics))
                        .build();
        return SnapshotValidator.validate(snapshot);
    }
}
