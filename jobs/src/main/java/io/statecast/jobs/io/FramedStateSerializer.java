package io.statecast.jobs.io;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A keyed-state serializer that writes its object field by field into a per-thread buffer and hands the
 * snapshot stream one frame: length, format version, fields. Flink's reflective {@code PojoSerializer}
 * wrote every array element into the snapshot stream with a call of its own (JMH: 3.2 µs against 0.2 µs
 * for a window's progress) and deep-copied by reflection on copy-on-write; with 10 000 series both run at
 * every checkpoint on the job's CPU. Subclasses write and read the fields and copy by hand.
 */
public abstract class FramedStateSerializer<T> extends LengthPrefixedSerializer<T> {

    private static final long serialVersionUID = 1L;
    /** Length written for a null array or string. */
    private static final int NULL = -1;

    /** One reusable buffer per thread (the task and the snapshot threads). */
    private static final ThreadLocal<DataOutputSerializer> BUFFERS =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));
    private static final ThreadLocal<DataInputDeserializer> READERS =
            ThreadLocal.withInitial(DataInputDeserializer::new);

    /** The format version written first; a frame of another version is refused. */
    protected abstract byte version();

    protected abstract void write(T value, DataOutputSerializer out) throws IOException;

    protected abstract T read(DataInputDeserializer in) throws IOException;

    @Override
    public final void serialize(T value, DataOutputView target) throws IOException {
        DataOutputSerializer out = framed(value);
        target.writeInt(out.length());
        target.write(out.getSharedBuffer(), 0, out.length());
    }

    private DataOutputSerializer framed(T value) throws IOException {
        DataOutputSerializer out = BUFFERS.get();
        out.clear();
        out.writeByte(version());
        write(value, out);
        return out;
    }

    @Override
    protected final T fromFrame(byte[] frame) throws IOException {
        DataInputDeserializer in = READERS.get();
        in.setBuffer(frame);
        byte version = in.readByte();
        if (version != version()) {
            throw new IOException(createInstance().getClass().getSimpleName() + " written in format version "
                    + version + ", this build reads " + version() + ": restore with the build that wrote the"
                    + " checkpoint or savepoint");
        }
        return read(in);
    }

    protected static void writeLongs(DataOutputSerializer out, long[] values) throws IOException {
        out.writeInt(values == null ? NULL : values.length);
        if (values != null) {
            for (long v : values) {
                out.writeLong(v);
            }
        }
    }

    protected static long[] readLongs(DataInputDeserializer in) throws IOException {
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

    protected static void writeDoubles(DataOutputSerializer out, double[] values) throws IOException {
        out.writeInt(values == null ? NULL : values.length);
        if (values != null) {
            for (double v : values) {
                out.writeDouble(v);
            }
        }
    }

    protected static double[] readDoubles(DataInputDeserializer in) throws IOException {
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

    protected static void writeFloats(DataOutputSerializer out, float[] values) throws IOException {
        out.writeInt(values == null ? NULL : values.length);
        if (values != null) {
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }

    protected static float[] readFloats(DataInputDeserializer in) throws IOException {
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

    protected static void writeString(DataOutputSerializer out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    protected static String readString(DataInputDeserializer in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
