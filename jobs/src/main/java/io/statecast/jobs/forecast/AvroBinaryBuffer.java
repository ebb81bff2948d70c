package io.statecast.jobs.forecast;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.BinaryData;

/**
 * One reused, growing array that a record's Avro binary encoding is written into, field by field in the
 * schema's order, with Avro's own primitive encoders ({@link BinaryData}). It skips Avro's generic datum
 * writer, which walks the schema and looks up the logical-type conversions of every field, and the
 * (synchronized) output stream a {@code BinaryEncoder} writes through; the encoders of records written
 * per window or per checkpoint use it, and their tests compare the bytes with Avro's. Not thread-safe.
 */
final class AvroBinaryBuffer {

    /** Most bytes a varint long takes. */
    private static final int MAX_LONG_BYTES = 10;

    private byte[] bytes = new byte[256];
    private int position;

    /** Starts a new record after {@code header} (the single-object encoding's marker and fingerprint). */
    void start(byte[] header) {
        position = 0;
        writeRaw(header);
    }

    /** An Avro long, or an int, an enum's ordinal, a union's branch or an array block's count. */
    void writeLong(long value) {
        ensure(MAX_LONG_BYTES);
        position += BinaryData.encodeLong(value, bytes, position);
    }

    void writeDouble(double value) {
        ensure(8);
        position += BinaryData.encodeDouble(value, bytes, position);
    }

    /** The branch of a ["null", T] union that holds null (nothing follows). */
    void writeNullBranch() {
        writeLong(0);
    }

    /** The branch of a ["null", T] union that holds a T (write the value next). */
    void writeValueBranch() {
        writeLong(1);
    }

    void writeBoolean(boolean value) {
        ensure(1);
        position += BinaryData.encodeBoolean(value, bytes, position);
    }

    void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeLong(utf8.length);
        writeRaw(utf8);
    }

    /** An Avro {@code bytes} field holding {@code values} as little-endian float32. */
    void writeFloatBytes(float[] values) {
        writeLong(4L * values.length);
        ensure(4 * values.length);
        ByteBuffer.wrap(bytes, position, 4 * values.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .put(values);
        position += 4 * values.length;
    }

    /** Bytes written since {@link #start}. */
    int length() {
        return position;
    }

    /** Writes the record written since {@link #start} to {@code out}. */
    void writeTo(DataOutput out) throws IOException {
        out.write(bytes, 0, position);
    }

    /** The record written since {@link #start}, in an array of its own. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, position);
    }

    private void writeRaw(byte[] raw) {
        ensure(raw.length);
        System.arraycopy(raw, 0, bytes, position, raw.length);
        position += raw.length;
    }

    private void ensure(int more) {
        if (bytes.length - position < more) {
            bytes = Arrays.copyOf(bytes, Math.max(position + more, 2 * bytes.length));
        }
    }
}
