package io.statecast.jobs.window;

import io.statecast.jobs.io.FramedStateSerializer;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The windower's {@link WindowState} in keyed state: one frame per series (see the superclass), and a
 * hand-written deep copy for the heap backend's copy-on-write after each snapshot.
 */
public final class WindowStateSerializer extends FramedStateSerializer<WindowState> {

    private static final long serialVersionUID = 1L;

    static final WindowStateSerializer INSTANCE = new WindowStateSerializer();

    @Override
    protected byte version() {
        return 1;
    }

    @Override
    public WindowState createInstance() {
        return new WindowState();
    }

    @Override
    public WindowState copy(WindowState from) {
        return from.copy();
    }

    @Override
    protected void write(WindowState s, DataOutputSerializer out) throws IOException {
        out.writeBoolean(s.pending != null);
        if (s.pending != null) {
            out.writeInt(s.pending.count);
            writeLongs(out, s.pending.timestamps);
            writeDoubles(out, s.pending.inputs);
            out.writeInt(s.pending.inputSize);
        }
        out.writeBoolean(s.partial != null);
        if (s.partial != null) {
            out.writeInt(s.partial.count);
            out.writeInt(s.partial.handedOn);
            out.writeInt(s.partial.length);
            writeLongs(out, s.partial.timestamps);
            writeDoubles(out, s.partial.inputs);
            out.writeInt(s.partial.inputSize);
        }
        out.writeLong(s.lastReleased);
        out.writeLong(s.lastSeen);
        out.writeLong(s.releaseTimer);
        out.writeLong(s.expiryTimer);
    }

    @Override
    protected WindowState read(DataInputDeserializer in) throws IOException {
        WindowState s = new WindowState();
        if (in.readBoolean()) {
            s.pending = new PendingSteps();
            s.pending.count = in.readInt();
            s.pending.timestamps = readLongs(in);
            s.pending.inputs = readDoubles(in);
            s.pending.inputSize = in.readInt();
        }
        if (in.readBoolean()) {
            s.partial = new PartialSequence();
            s.partial.count = in.readInt();
            s.partial.handedOn = in.readInt();
            s.partial.length = in.readInt();
            s.partial.timestamps = readLongs(in);
            s.partial.inputs = readDoubles(in);
            s.partial.inputSize = in.readInt();
        }
        s.lastReleased = in.readLong();
        s.lastSeen = in.readLong();
        s.releaseTimer = in.readLong();
        s.expiryTimer = in.readLong();
        return s;
    }

    @Override
    public TypeSerializerSnapshot<WindowState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format version is in each frame; the serializer itself has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
