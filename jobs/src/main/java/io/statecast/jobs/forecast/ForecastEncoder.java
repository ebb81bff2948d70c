package io.statecast.jobs.forecast;

import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.util.List;

/**
 * Writes a {@link Forecast} exactly as {@link SingleObjectCodec#encode} does, byte for byte, with an
 * {@link AvroBinaryBuffer}: the RNN operator encodes a forecast per completed window, and Avro's generic
 * writer took 6× as long. {@code ForecastEncoderTest} compares the bytes with the codec's, so a change to
 * {@code Forecast.avsc} fails it until this follows. Reuses one buffer: one instance per operator
 * instance, not thread-safe.
 */
public final class ForecastEncoder {

    private final byte[] header;
    private final AvroBinaryBuffer out = new AvroBinaryBuffer();

    public ForecastEncoder(SingleObjectCodec<Forecast> codec) {
        this.header = codec.header();
    }

    public byte[] encode(Forecast forecast) {
        out.start(header);
        out.writeString(forecast.getSeriesId());
        out.writeLong(forecast.getLastInputTimestamp().toEpochMilli());
        out.writeLong(forecast.getWindowEnd().toEpochMilli());
        // An array is written as one block of its items (count first), then an empty block.
        List<ForecastPoint> points = forecast.getPoints();
        if (!points.isEmpty()) {
            out.writeLong(points.size());
            for (ForecastPoint point : points) {
                out.writeLong(point.getTimestamp().toEpochMilli());
                out.writeDouble(point.getMean());
                writeOptional(point.getLower80());
                writeOptional(point.getUpper80());
                writeOptional(point.getLower95());
                writeOptional(point.getUpper95());
            }
        }
        out.writeLong(0);
        out.writeLong(forecast.getModelVersion());
        out.writeLong(forecast.getStepsSeen());
        out.writeBoolean(forecast.getColdStart());
        return out.toByteArray();
    }

    private void writeOptional(Double value) {
        if (value == null) {
            out.writeNullBranch();
        } else {
            out.writeValueBranch();
            out.writeDouble(value);
        }
    }
}
