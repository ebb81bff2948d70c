package io.statecast.jobs.forecast;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link WindowProgress} field by field into a per-thread buffer and hands it to the snapshot
 * stream in one write, length first. Flink's reflective {@code PojoSerializer} wrote its ~170 array
 * elements one call at a time into the checkpoint stream: with 10 000 series that was a large part of
 * each asynchronous snapshot, whose CPU competes with the job. The first byte is a format version.
 */
public final class WindowProgressSerializer extends TypeSerializerSingleton<WindowProgress> {

    private static final long serialVersionUID = 1L;
    private static final byte VERSION = 1;
    /** Length written for a null array or string. */
    private static final int NULL = -1;

    static final WindowProgressSerializer INSTANCE = new WindowProgressSerializer();

    /** One reusable buffer per thread (the task and the snapshot threads). */
    private static final ThreadLocal<DataOutputSerializer> BUFFERS =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));
    private static final ThreadLocal<DataInputDeserializer> READERS =
            ThreadLocal.withInitial(DataInputDeserializer::new);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public WindowProgress createInstance() {
        return new WindowProgress();
    }

    @Override
    public WindowProgress copy(WindowProgress from) {
        return from.copy();
    }

    @Override
    public WindowProgress copy(WindowProgress from, WindowProgress reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(WindowProgress p, DataOutputView target) throws IOException {
        DataOutputSerializer out = BUFFERS.get();
        out.clear();
        out.writeByte(VERSION);
        writeLongs(out, p.timestamps);
        writeDoubles(out, p.inputs);
        out.writeInt(p.inputSize);
        out.writeInt(p.count);
        out.writeInt(p.ran);
        out.writeInt(p.modelSteps);
        writeFloats(out, p.hidden);
        out.writeBoolean(p.prepared);
        out.writeLong(p.modelVersion);
        out.writeDouble(p.previous);
        out.writeDouble(p.scaleMean);
        out.writeDouble(p.scaleStd);
        out.writeLong(p.lastStep);
        out.writeLong(p.expiryTimer);
        writeString(out, p.rejectedCause);
        writeString(out, p.rejectedReason);
        target.writeInt(out.length());
        target.write(out.getSharedBuffer(), 0, out.length());
    }

    @Override
    public WindowProgress deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        DataInputDeserializer in = READERS.get();
        in.setBuffer(bytes);
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("window progress written in format version " + version + ", this build reads "
                    + VERSION + ": restore with the build that wrote the checkpoint or savepoint");
        }
        WindowProgress p = new WindowProgress();
        p.timestamps = readLongs(in);
        p.inputs = readDoubles(in);
        p.inputSize = in.readInt();
        p.count = in.readInt();
        p.ran = in.readInt();
        p.modelSteps = in.readInt();
        p.hidden = readFloats(in);
        p.prepared = in.readBoolean();
        p.modelVersion = in.readLong();
        p.previous = in.readDouble();
        p.scaleMean = in.readDouble();
        p.scaleStd = in.readDouble();
        p.lastStep = in.readLong();
        p.expiryTimer = in.readLong();
        p.rejectedCause = readString(in);
        p.rejectedReason = readString(in);
        return p;
    }

    @Override
    public WindowProgress deserialize(WindowProgress reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    private static void writeLongs(DataOutputSerializer out, long[] values) throws IOException {
        out.writeInt(values == null ? NULL : values.length);
        if (values != null) {
            for (long v : values) {
                out.writeLong(v);
            }
        }
    }

    private static long[] readLongs(DataInputDeserializer in) throws IOException {
        int n = in.readInt();
        if (n == NULL) {
            return null;
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    private static void writeDoubles(DataOutputSerializer out, double[] values) throws IOException {
        out.writeInt(values == null ? NULL : values.length);
        if (values != null) {
            for (double v : values) {
                out.writeDouble(v);
            }
        }
    }

    private static double[] readDoubles(DataInputDeserializer in) throws IOException {
        int n = in.readInt();
        if (n == NULL) {
            return null;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static void writeFloats(DataOutputSerializer out, float[] values) throws IOException {
        out.writeInt(values == null ? NULL : values.length);
        if (values != null) {
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }

    private static float[] readFloats(DataInputDeserializer in) throws IOException {
        int n = in.readInt();
        if (n == NULL) {
            return null;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static void writeString(DataOutputSerializer out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readString(DataInputDeserializer in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    @Override
    public TypeSerializerSnapshot<WindowProgress> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format version is in the bytes; the serializer itself has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowProgress> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
