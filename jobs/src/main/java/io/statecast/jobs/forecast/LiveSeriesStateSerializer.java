package io.statecast.jobs.forecast;

import io.statecast.schemas.SeriesState;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link LiveSeriesState} as its Avro {@link SeriesState} in single-object encoding (length
 * first), so checkpoints and savepoints hold the schema's record, readable and evolvable with Avro's
 * schema resolution. With the heap state backend the objects stay decoded and this runs only when a
 * snapshot is written (asynchronously) or read.
 */
public final class LiveSeriesStateSerializer extends TypeSerializerSingleton<LiveSeriesState> {

    private static final long serialVersionUID = 1L;

    static final LiveSeriesStateSerializer INSTANCE = new LiveSeriesStateSerializer();

    /** Thread-safe (per-thread encoders), so one serializer serves the task and the snapshot threads. */
    private static final SingleObjectCodec<SeriesState> CODEC = SingleObjectCodec.of(SeriesState.class);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public LiveSeriesState createInstance() {
        return new LiveSeriesState();
    }

    @Override
    public LiveSeriesState copy(LiveSeriesState from) {
        return from.copy();
    }

    @Override
    public LiveSeriesState copy(LiveSeriesState from, LiveSeriesState reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(LiveSeriesState record, DataOutputView target) throws IOException {
        byte[] bytes = CODEC.encode(record.toAvro());
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public LiveSeriesState deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return LiveSeriesState.fromAvro(CODEC.decode(bytes));
    }

    @Override
    public LiveSeriesState deserialize(LiveSeriesState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<LiveSeriesState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The Avro schema carries the format's evolution; the serializer itself has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LiveSeriesState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
