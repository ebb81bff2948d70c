package io.statecast.model.snapshot;

import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Architectures and seeded parameter maps for snapshot and import tests. */
public final class SnapshotFixtures {

    private SnapshotFixtures() {}

    public static Architecture architecture(CellType cell, int layers, HeadType head, int horizon) {
        return Architecture.newBuilder()
                .setCell(cell)
                .setLayers(layers)
                .setHiddenSize(5)
                .setInputSize(3)
                .setHorizon(horizon)
                .setHead(head)
                .build();
    }

    /** Random parameters with exactly the layout's names and shapes. */
    public static Map<String, INDArray> parameters(Architecture architecture, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        ParameterLayout.expectedShapes(architecture)
                .forEach((name, shape) -> parameters.put(name, Nd4j.randn(DataType.FLOAT, shape)));
        return parameters;
    }
}
