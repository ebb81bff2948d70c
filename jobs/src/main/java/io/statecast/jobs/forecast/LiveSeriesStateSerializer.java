package io.statecast.jobs.forecast;

import io.statecast.schemas.SeriesState;
import io.statecast.schemas.codec.SingleObjectCodec;

/**
 * Writes a {@link LiveSeriesState} as its Avro {@link SeriesState} in single-object encoding, the frame
 * that keyed state holds (a {@code byte[]}, which Flink writes length first), so checkpoints and
 * savepoints hold the schema's record, readable and evolvable with Avro's schema resolution. Frames are
 * written once per series and checkpoint, before the barrier, from the object the operator keeps
 * changing. Writing goes field by field into an {@link AvroBinaryBuffer}, without building the record
 * (its boxed ring and builders doubled the CPU); the tests check the bytes equal the generated record's.
 */
final class LiveSeriesStateSerializer {

    private static final SingleObjectCodec<SeriesState> CODEC = SingleObjectCodec.of(SeriesState.class);

    /** One reusable buffer per task thread. */
    private static final ThreadLocal<AvroBinaryBuffer> BUFFERS = ThreadLocal.withInitial(AvroBinaryBuffer::new);

    private LiveSeriesStateSerializer() {}

    /** {@code state}'s frame: the single-object encoding of its {@link SeriesState}. */
    static byte[] toFrame(LiveSeriesState state) {
        AvroBinaryBuffer out = BUFFERS.get();
        out.start(CODEC.header());
        encode(state, out);
        return out.toByteArray();
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

    /** The state of a frame written by {@link #toFrame}. */
    static LiveSeriesState fromFrame(byte[] frame) {
        return LiveSeriesState.fromAvro(CODEC.decode(frame));
    }
}
