package io.statecast.jobs.forecast;

import io.statecast.model.head.DenseHead;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackedRnn;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.snapshot.SnapshotBuilder;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Small seeded, untrained models for operator and pipeline tests. */
final class TestModels {

    private TestModels() {}

    static Architecture architecture(CellType cell, int hidden, int steps, int horizon, HeadType head) {
        return Architecture.newBuilder().setCell(cell).setLayers(1).setHiddenSize(hidden).setInputSize(1)
                .setWindowSteps(steps).setHorizon(horizon).setHead(head).build();
    }

    static ModelSnapshot snapshot(Architecture a, long version, long seed) {
        RnnConfig config = RnnConfig.of(a.getCell(), a.getInputSize(), a.getHiddenSize(), a.getLayers());
        Map<String, INDArray> params = new LinkedHashMap<>(new StackedRnn(config).initParams(DataType.FLOAT, seed));
        params.putAll(DenseHead.initialise(a.getHead(), a.getHiddenSize(), a.getHorizon(), DataType.FLOAT, seed)
                .parameters());
        return SnapshotBuilder.forArchitecture(a).version(version).createdAt(Instant.ofEpochMilli(0))
                .parameters(params).build();
    }

    static byte[] bytes(Architecture a, long version, long seed) {
        return ModelSnapshots.toBytes(snapshot(a, version, seed));
    }
}
