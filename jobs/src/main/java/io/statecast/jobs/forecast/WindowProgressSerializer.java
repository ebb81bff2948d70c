package io.statecast.jobs.forecast;

import io.statecast.jobs.io.FramedStateSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Keyed state's serializer of the RNN operator's {@link WindowProgress}, one per series (see the superclass
 * for the format); copies, for the heap backend's copy-on-write, are made by hand.
 */
public final class WindowProgressSerializer extends FramedStateSerializer<WindowProgress> {

    private static final long serialVersionUID = 1L;

    static final WindowProgressSerializer INSTANCE = new WindowProgressSerializer();

    @Override
    protected byte version() {
        return 1;
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
    protected void write(WindowProgress p, DataOutputSerializer out) throws IOException {
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
    }

    @Override
    protected WindowProgress read(DataInputDeserializer in) throws IOException {
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
    public TypeSerializerSnapshot<WindowProgress> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format version is in each frame; the serializer itself has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowProgress> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
