package io.statecast.model.snapshot;

import io.statecast.schemas.NamedTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NamedTensor} ↔ {@link INDArray}: little-endian IEEE-754 float32, row-major (C order), any
 * shape including scalars. DOUBLE arrays are rounded to float32 on the way in: snapshots store what
 * inference uses.
 */
public final class NamedTensors {

    private NamedTensors() {}

    /** Encodes {@code array} (any data type, ordering or view) as float32 bytes in C order. */
    public static NamedTensor toNamedTensor(String name, INDArray array) {
        float[] values =
                array.length() == 0
                        ? new float[0]
                        : array.reshape('c', new long[] {array.length()})
                                .castTo(DataType.FLOAT)
                                .toFloatVector();
        ByteBuffer data =
                ByteBuffer.allocate(Float.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        List<Integer> shape = new ArrayList<>(array.rank());
        for (long size : array.shape()) {
            shape.add(Math.toIntExact(size));
        }
        return NamedTensor.newBuilder().setName(name).setShape(shape).setData(data).build();
    }

    /**
     * Decodes {@code tensor} into a new C-ordered array of {@code dataType}.
     *
     * @throws InvalidSnapshotException when the data length is not 4 × the product of the shape
     */
    public static INDArray toArray(NamedTensor tensor, DataType dataType) {
        long[] shape = shapeOf(tensor);
        ByteBuffer data = checkedData(tensor);
        float[] values = new float[data.remaining() / Float.BYTES];
        data.asFloatBuffer().get(values);
        INDArray array =
                shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
        return array.castTo(dataType);
    }

    /** The shape as {@code long[]}; rejects negative sizes. */
    public static long[] shapeOf(NamedTensor tensor) {
        long[] shape = new long[tensor.getShape().size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.getShape().get(i);
            if (shape[i] < 0) {
                throw new InvalidSnapshotException(
                        tensor.getName() + ".shape",
                        "has negative size " + shape[i] + " in " + tensor.getShape());
            }
        }
        return shape;
    }

    /**
     * The data as a little-endian view positioned at its first byte, after checking its length is
     * 4 × the product of the shape.
     */
    static ByteBuffer checkedData(NamedTensor tensor) {
        long elements = elementCount(tensor);
        ByteBuffer data = tensor.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (data.remaining() != Float.BYTES * elements) {
            throw new InvalidSnapshotException(
                    tensor.getName() + ".data",
                    "has "
                            + data.remaining()
                            + " bytes; expected 4 × "
                            + elements
                            + " = "
                            + Float.BYTES * elements
                            + " for shape "
                            + tensor.getShape());
        }
        return data;
    }

    /** Product of the shape (1 for a scalar); rejects products beyond a Java array's reach. */
    private static long elementCount(NamedTensor tensor) {
        long elements = 1;
        for (long size : shapeOf(tensor)) {
            elements = Math.multiplyExact(elements, size);
        }
        if (elements > Integer.MAX_VALUE / Float.BYTES) {
            throw new InvalidSnapshotException(
                    tensor.getName() + ".shape",
                    "holds "
                            + elements
                            + " elements; at most "
                            + Integer.MAX_VALUE / Float.BYTES
                            + " fit in one tensor");
        }
        return elements;
    }
}
