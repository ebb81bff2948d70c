package io.statecast.jobs.forecast;

import io.statecast.schemas.SeriesState;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link LiveSeriesState} as its Avro {@link SeriesState} in single-object encoding (length
 * first), so checkpoints and savepoints hold the schema's record, readable and evolvable with Avro's
 * schema resolution. With the heap state backend the objects stay decoded and this runs only when a
 * snapshot is written (asynchronously) or read. Writing goes field by field through Avro's encoder,
 * without building the record (its boxed ring and builders doubled the snapshot's CPU, which competes
 * with the job); the tests check the bytes equal the generated record's.
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

    /** One reusable buffer and encoder per thread (the task and the snapshot threads). */
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    private static final class Buffer extends ByteArrayOutputStream {
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);
        byte[] floats = new byte[0];

        /** The bytes written so far, in the buffer itself: {@code [0, size())}. */
        byte[] bytes() {
            return buf;
        }

        /** {@code values} as little-endian float32 bytes, in a reused array. */
        byte[] littleEndian(float[] values) {
            if (floats.length < 4 * values.length) {
                floats = new byte[4 * values.length];
            }
            ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
            return floats;
        }
    }

    @Override
    public void serialize(LiveSeriesState record, DataOutputView target) throws IOException {
        Buffer buffer = BUFFERS.get();
        buffer.reset();
        buffer.write(CODEC.header());
        encode(record, buffer, buffer.encoder);
        buffer.encoder.flush();
        target.writeInt(buffer.size());
        target.write(buffer.bytes(), 0, buffer.size());
    }

    /** The Avro binary encoding of {@code s}'s {@link SeriesState}, fields in schema order. */
    private static void encode(LiveSeriesState s, Buffer buffer, BinaryEncoder out) throws IOException {
        out.writeBytes(buffer.littleEndian(s.hidden), 0, 4 * s.hidden.length);
        out.writeLong(s.scaler.getCount());
        out.writeDouble(s.scaler.getMean());
        out.writeDouble(s.scaler.getM2());
        out.writeArrayStart();
        out.setItemCount(s.recentLength);
        for (int i = 0; i < s.recentLength; i++) {
            out.startItem();
            out.writeDouble(s.recent[i]);
        }
        out.writeArrayEnd();
        out.writeLong(s.modelVersion);
        out.writeLong(s.stepsSeen);
        if (s.lastTimestamp == Long.MIN_VALUE) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            out.writeLong(s.lastTimestamp);
        }
        if (s.lastForecast == null) {
            out.writeIndex(0);
        } else {
            out.writeIndex(1);
            encode(s.lastForecast, out);
        }
        out.writeEnum(s.scalerTransform.ordinal());
    }

    private static void encode(LastForecast f, BinaryEncoder out) throws IOException {
        out.writeString(f.seriesId);
        out.writeLong(f.lastInputTimestamp);
        out.writeLong(f.windowEnd);
        out.writeArrayStart();
        out.setItemCount(f.steps);
        for (int k = 0; k < f.steps; k++) {
            out.startItem();
            out.writeLong(f.timestamps[k]);
            out.writeDouble(f.mean[k]);
            writeBound(out, f.intervals, f.lower80[k]);
            writeBound(out, f.intervals, f.upper80[k]);
            writeBound(out, f.intervals, f.lower95[k]);
            writeBound(out, f.intervals, f.upper95[k]);
        }
        out.writeArrayEnd();
        out.writeLong(f.modelVersion);
        out.writeLong(f.stepsSeen);
        out.writeBoolean(f.coldStart);
    }

    /** A ["null", "double"] interval bound: null when the model's head gives no intervals. */
    private static void writeBound(BinaryEncoder out, boolean present, double value) throws IOException {
        if (present) {
            out.writeIndex(1);
            out.writeDouble(value);
        } else {
            out.writeIndex(0);
        }
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
