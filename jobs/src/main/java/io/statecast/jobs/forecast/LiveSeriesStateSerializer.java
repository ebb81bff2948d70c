package io.statecast.jobs.forecast;

import io.statecast.jobs.io.LengthPrefixedSerializer;
import io.statecast.schemas.SeriesState;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed state's serializer of a {@link LiveSeriesState}: it writes the object as its Avro
 * {@link SeriesState} in single-object encoding, length first, so checkpoints and savepoints hold the
 * schema's record, readable and evolvable with Avro's schema resolution. Writing goes field by field
 * into an {@link AvroBinaryBuffer}, without building the record (its boxed ring and builders doubled the
 * CPU); the tests check the bytes equal the generated record's. Copies, for the heap backend's
 * copy-on-write, are made by hand ({@link LiveSeriesState#copy}).
 */
public final class LiveSeriesStateSerializer extends LengthPrefixedSerializer<LiveSeriesState> {

    private static final long serialVersionUID = 1L;

    static final LiveSeriesStateSerializer INSTANCE = new LiveSeriesStateSerializer();

    private static final SingleObjectCodec<SeriesState> CODEC = SingleObjectCodec.of(SeriesState.class);

    /** One reusable buffer per thread (the task and the snapshot threads). */
    private static final ThreadLocal<AvroBinaryBuffer> BUFFERS = ThreadLocal.withInitial(AvroBinaryBuffer::new);

    @Override
    public LiveSeriesState createInstance() {
        return new LiveSeriesState();
    }

    @Override
    public LiveSeriesState copy(LiveSeriesState from) {
        return from.copy();
    }

    @Override
    public void serialize(LiveSeriesState state, DataOutputView target) throws IOException {
        AvroBinaryBuffer out = BUFFERS.get();
        out.start(CODEC.header());
        encode(state, out);
        target.writeInt(out.length());
        out.writeTo(target);
    }

    @Override
    protected LiveSeriesState fromFrame(byte[] frame) {
        return LiveSeriesState.fromAvro(CODEC.decode(frame));
    }

    /** The Avro binary encoding of {@code s}'s {@link SeriesState}, fields in schema order. */
    private static void encode(LiveSeriesState s, AvroBinaryBuffer out) {
        out.writeFloatBytes(s.hidden);
        out.writeLong(s.scaler.getCount());
        out.writeDouble(s.scaler.getMean());
        out.writeDouble(s.scaler.getM2());
        // An array is written as one block of its items (count first), then an empty block.
        if (s.recentLength > 0) {
            out.writeLong(s.recentLength);
            for (int i = 0; i < s.recentLength; i++) {
                out.writeDouble(s.recent[i]);
            }
        }
        out.writeLong(0);
        out.writeLong(s.modelVersion);
        out.writeLong(s.stepsSeen);
        if (s.lastTimestamp == Long.MIN_VALUE) {
            out.writeNullBranch();
        } else {
            out.writeValueBranch();
            out.writeLong(s.lastTimestamp);
        }
        if (s.lastForecast == null) {
            out.writeNullBranch();
        } else {
            out.writeValueBranch();
            encode(s.lastForecast, out);
        }
        out.writeLong(s.scalerTransform.ordinal());
    }

    private static void encode(LastForecast f, AvroBinaryBuffer out) {
        out.writeString(f.seriesId);
        out.writeLong(f.lastInputTimestamp);
        out.writeLong(f.windowEnd);
        if (f.steps > 0) {
            out.writeLong(f.steps);
            for (int k = 0; k < f.steps; k++) {
                out.writeLong(f.timestamps[k]);
                out.writeDouble(f.mean[k]);
                writeBound(out, f.intervals, f.lower80[k]);
                writeBound(out, f.intervals, f.upper80[k]);
                writeBound(out, f.intervals, f.lower95[k]);
                writeBound(out, f.intervals, f.upper95[k]);
            }
        }
        out.writeLong(0);
        out.writeLong(f.modelVersion);
        out.writeLong(f.stepsSeen);
        out.writeBoolean(f.coldStart);
    }

    /** A ["null", "double"] interval bound: null when the model's head gives no intervals. */
    private static void writeBound(AvroBinaryBuffer out, boolean present, double value) {
        if (present) {
            out.writeValueBranch();
            out.writeDouble(value);
        } else {
            out.writeNullBranch();
        }
    }

    @Override
    public TypeSerializerSnapshot<LiveSeriesState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The record's schema is in each frame (its fingerprint); the serializer has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LiveSeriesState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
