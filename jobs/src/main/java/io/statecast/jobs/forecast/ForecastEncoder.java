package io.statecast.jobs.forecast;

import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryData;

/**
 * Writes a {@link Forecast} exactly as {@link SingleObjectCodec#encode} does, byte for byte: the codec's
 * header, then the fields in the schema's order with Avro's own primitive encoders ({@link BinaryData})
 * into one reused array. It skips Avro's generic datum writer, which walks the schema and looks up the
 * timestamp conversions of every field of every record, and the output stream it writes through: the
 * RNN operator encodes a forecast per completed window. {@code ForecastEncoderTest}
 * compares the bytes with the codec's, so a change to {@code Forecast.avsc} fails it until this follows.
 * Reuses one buffer: one instance per operator instance, not thread-safe.
 */
public final class ForecastEncoder {

    /** Avro's branch indexes of the schema's ["null", "double"] unions. */
    private static final int NULL_BRANCH = 0;
    private static final int DOUBLE_BRANCH = 1;
    /** Most bytes a point takes: a varint long, a double, four unions of a branch byte and a double. */
    private static final int MAX_POINT_BYTES = 10 + 8 + 4 * 9;
    /**
     * Most bytes the rest takes besides the id's and the points' bytes: four varint longs (two timestamps,
     * model version, steps seen), the id's length and the points' count (varints), the array's end (one
     * byte) and the boolean.
     */
    private static final int MAX_FIXED_BYTES = 4 * 10 + 2 * 10 + 1 + 1;

    private final byte[] header;
    private byte[] buffer = new byte[256];
    private int position;

    public ForecastEncoder(SingleObjectCodec<Forecast> codec) {
        this.header = codec.header();
    }

    public byte[] encode(Forecast forecast) {
        byte[] id = forecast.getSeriesId().getBytes(StandardCharsets.UTF_8);
        List<ForecastPoint> points = forecast.getPoints();
        ensureCapacity(header.length + MAX_FIXED_BYTES + id.length + points.size() * MAX_POINT_BYTES);
        System.arraycopy(header, 0, buffer, 0, header.length);
        position = header.length;
        writeLong(id.length);
        System.arraycopy(id, 0, buffer, position, id.length);
        position += id.length;
        writeLong(forecast.getLastInputTimestamp().toEpochMilli());
        writeLong(forecast.getWindowEnd().toEpochMilli());
        // An array is written as one block of its items (count first), then an empty block.
        if (!points.isEmpty()) {
            writeLong(points.size());
            for (ForecastPoint point : points) {
                writeLong(point.getTimestamp().toEpochMilli());
                writeDouble(point.getMean());
                writeOptional(point.getLower80());
                writeOptional(point.getUpper80());
                writeOptional(point.getLower95());
                writeOptional(point.getUpper95());
            }
        }
        writeLong(0);
        writeLong(forecast.getModelVersion());
        writeLong(forecast.getStepsSeen());
        position += BinaryData.encodeBoolean(forecast.getColdStart(), buffer, position);
        return Arrays.copyOf(buffer, position);
    }

    private void ensureCapacity(int bytes) {
        if (buffer.length < bytes) {
            buffer = new byte[Math.max(bytes, 2 * buffer.length)];
        }
    }

    private void writeLong(long value) {
        position += BinaryData.encodeLong(value, buffer, position);
    }

    private void writeDouble(double value) {
        position += BinaryData.encodeDouble(value, buffer, position);
    }

    private void writeOptional(Double value) {
        if (value == null) {
            writeLong(NULL_BRANCH);
        } else {
            writeLong(DOUBLE_BRANCH);
            writeDouble(value);
        }
    }
}
