package io.statecast.model.snapshot;

import io.statecast.model.scale.RunningStats;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.NamedTensor;
import io.statecast.schemas.ScalerStats;
import io.statecast.schemas.ScalingPolicy;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that a {@link ModelSnapshot} can be loaded and run before anyone does: a sane
 * architecture, exactly the parameters it implies (names and shapes from {@link ParameterLayout}),
 * data lengths of 4 bytes per element, finite values and usable scaling statistics. The first
 * problem found is thrown as an {@link InvalidSnapshotException} naming the field or tensor.
 */
public final class SnapshotValidator {

    private SnapshotValidator() {}

    /** Validates the whole snapshot; returns it for chaining. */
    public static ModelSnapshot validate(ModelSnapshot snapshot) {
        if (snapshot.getVersion() < 1) {
            throw new InvalidSnapshotException(
                    "version", "must be >= 1, got " + snapshot.getVersion());
        }
        Long parent = snapshot.getParentVersion();
        if (parent != null && (parent < 1 || parent >= snapshot.getVersion())) {
            throw new InvalidSnapshotException(
                    "parent_version",
                    "must be in [1, version " + snapshot.getVersion() + "), got " + parent);
        }
        validateArchitecture(snapshot.getArchitecture());
        validateWeights(snapshot.getArchitecture(), snapshot.getWeights());
        validateScaling(snapshot.getScaling());
        return snapshot;
    }

    /** Positive sizes and a known activation. */
    public static void validateArchitecture(Architecture architecture) {
        atLeastOne("architecture.layers", architecture.getLayers());
        atLeastOne("architecture.hidden_size", architecture.getHiddenSize());
        atLeastOne("architecture.input_size", architecture.getInputSize());
        atLeastOne("architecture.window_steps", architecture.getWindowSteps());
        atLeastOne("architecture.horizon", architecture.getHorizon());
        if (architecture.getCell() == null || architecture.getHead() == null) {
            throw new InvalidSnapshotException(
                    "architecture",
                    "needs a cell and a head type, got cell "
                            + architecture.getCell()
                            + ", head "
                            + architecture.getHead());
        }
        if (!ParameterLayout.ACTIVATIONS.contains(architecture.getActivation())) {
            throw new InvalidSnapshotException(
                    "architecture.activation",
                    "must be one of "
                            + new TreeSet<>(ParameterLayout.ACTIVATIONS)
                            + ", got '"
                            + architecture.getActivation()
                            + "'");
        }
    }

    /** Exactly the expected names, each with its shape, data length and finite values. */
    public static void validateWeights(Architecture architecture, Iterable<NamedTensor> weights) {
        Map<String, long[]> expected = ParameterLayout.expectedShapes(architecture);
        Set<String> seen = new LinkedHashSet<>();
        for (NamedTensor tensor : weights) {
            String name = tensor.getName();
            if (!seen.add(name)) {
                throw new InvalidSnapshotException(name, "appears twice in weights");
            }
            long[] shape = expected.get(name);
            if (shape == null) {
                throw new InvalidSnapshotException(
                        name,
                        "is not a parameter of a "
                                + describe(architecture)
                                + "; expected only "
                                + expected.keySet());
            }
            if (!Arrays.equals(NamedTensors.shapeOf(tensor), shape)) {
                throw new InvalidSnapshotException(
                        name,
                        "has shape "
                                + tensor.getShape()
                                + "; a "
                                + describe(architecture)
                                + " needs "
                                + Arrays.toString(shape));
            }
            checkDataLengthAndFinite(tensor);
        }
        Set<String> missing = new LinkedHashSet<>(expected.keySet());
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new InvalidSnapshotException(
                    missing.iterator().next(),
                    "is missing; a "
                            + describe(architecture)
                            + " needs "
                            + expected.keySet()
                            + ", missing "
                            + missing);
        }
    }

    /** Positive settings and well-formed statistics. */
    public static void validateScaling(ScalingPolicy scaling) {
        atLeastOne("scaling.warmup_steps", scaling.getWarmupSteps());
        if (!(scaling.getMinStd() > 0) || Double.isInfinite(scaling.getMinStd())) {
            throw new InvalidSnapshotException(
                    "scaling.min_std", "must be positive and finite, got " + scaling.getMinStd());
        }
        checkStats("scaling.global", scaling.getGlobal());
        for (Map.Entry<String, ScalerStats> entry : scaling.getPerSeries().entrySet()) {
            checkStats("scaling.per_series[" + entry.getKey() + "]", entry.getValue());
        }
    }

    private static void checkDataLengthAndFinite(NamedTensor tensor) {
        ByteBuffer data = NamedTensors.checkedData(tensor);
        for (int i = 0; i < data.remaining() / Float.BYTES; i++) {
            float value = data.getFloat(data.position() + Float.BYTES * i);
            if (!Float.isFinite(value)) {
                throw new InvalidSnapshotException(
                        tensor.getName(),
                        "has non-finite value "
                                + value
                                + " at flat index "
                                + i
                                + "; expected only finite values");
            }
        }
    }

    private static void checkStats(String field, ScalerStats stats) {
        try {
            RunningStats.fromAvro(stats);
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException(field, "is invalid: " + e.getMessage());
        }
    }

    private static void atLeastOne(String field, int value) {
        if (value < 1) {
            throw new InvalidSnapshotException(field, "must be >= 1, got " + value);
        }
    }

    private static String describe(Architecture a) {
        return a.getLayers()
                + "-layer "
                + a.getCell()
                + " (input "
                + a.getInputSize()
                + ", hidden "
                + a.getHiddenSize()
                + ") with a "
                + a.getHead()
                + " head (horizon "
                + a.getHorizon()
                + ")";
    }
}
