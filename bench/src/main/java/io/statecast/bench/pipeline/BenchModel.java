package io.statecast.bench.pipeline;

import io.statecast.model.layer.RnnConfig;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.snapshot.SnapshotBuilder;
import io.statecast.model.train.SequenceNetwork;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import java.time.Instant;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A seeded, untrained one-layer LSTM snapshot (one input, horizon 1, last-step head): untrained
 * weights cost exactly what trained ones do, which is all a speed benchmark needs.
 */
final class BenchModel {

    static final long SEED = 42;

    private BenchModel() {}

    static ModelSnapshot lstm(int hidden, int windowSteps) {
        Architecture a = Architecture.newBuilder().setCell(CellType.LSTM).setLayers(1).setHiddenSize(hidden)
                .setInputSize(1).setWindowSteps(windowSteps).setHorizon(1).setHead(HeadType.LAST_STEP)
                .build();
        RnnConfig config = RnnConfig.of(CellType.LSTM, 1, hidden, 1);
        return SnapshotBuilder.forArchitecture(a).version(1).createdAt(Instant.ofEpochMilli(0))
                .parameters(SequenceNetwork.initialise(config, HeadType.LAST_STEP, 1, DataType.FLOAT, SEED)
                        .parameters())
                .build();
    }

    static byte[] lstmBytes(int hidden, int windowSteps) {
        return ModelSnapshots.toBytes(lstm(hidden, windowSteps));
    }
}
