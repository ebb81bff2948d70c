package io.statecast.jobs.io;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A keyed-state serializer of a mutable object that hands the snapshot stream one frame per object, its
 * length first: the bytes a {@code byte[]} state of the frame would hold. Subclasses write the frame,
 * read it back and copy the object by hand (for the heap backend's copy-on-write).
 */
public abstract class LengthPrefixedSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    /** The object of a frame: what {@link #serialize} wrote after the length. */
    protected abstract T fromFrame(byte[] frame) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        byte[] frame = new byte[source.readInt()];
        source.readFully(frame);
        return fromFrame(frame);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }
}
