package io.statecast.model.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statecast.schemas.NamedTensor;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NamedTensorsTest {

    @Test
    void writesLittleEndianFloat32InRowMajorOrder() {
        NamedTensor tensor =
                NamedTensors.toNamedTensor("t", Nd4j.create(new float[][] {{1, 2}, {3, 4}}));
        assertThat(tensor.getShape()).containsExactly(2, 2);
        ByteBuffer data = tensor.getData();
        // 2.0f = 0x40000000, little-endian: 00 00 00 40, second element
        assertThat(new byte[] {data.get(4), data.get(5), data.get(6), data.get(7)})
                .containsExactly(0, 0, 0, 0x40);
        assertThat(data.remaining()).isEqualTo(16);
    }

    @Test
    void roundTripsAnyShapeOrderingAndView() {
        INDArray fortran = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
        INDArray view =
                Nd4j.arange(24)
                        .castTo(DataType.FLOAT)
                        .reshape(2, 3, 4)
                        .get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        for (INDArray array :
                List.of(fortran, view, Nd4j.scalar(2.5f), Nd4j.rand(DataType.FLOAT, 2, 1, 3, 2))) {
            INDArray back =
                    NamedTensors.toArray(NamedTensors.toNamedTensor("x", array), DataType.FLOAT);
            assertThat(back.shape()).isEqualTo(array.shape());
            assertThat(back).isEqualTo(array.castTo(DataType.FLOAT));
        }
    }

    @Test
    void doublesAreRoundedToFloat32AndReadBackInTheAskedType() {
        INDArray precise = Nd4j.create(new double[][] {{0.1, 1e-20}});
        INDArray back =
                NamedTensors.toArray(NamedTensors.toNamedTensor("x", precise), DataType.DOUBLE);
        assertThat(back.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(back.getDouble(0)).isEqualTo((double) 0.1f);
    }

    @Test
    void rejectsDataOfTheWrongLength() {
        NamedTensor tensor =
                NamedTensor.newBuilder()
                        .setName("layer0.W_ih")
                        .setShape(List.of(2, 3))
                        .setData(ByteBuffer.allocate(20))
                        .build();
        assertThatThrownBy(() -> NamedTensors.toArray(tensor, DataType.FLOAT))
                .isInstanceOf(InvalidSnapshotException.class)
                .hasMessage("layer0.W_ih.data has 20 bytes; expected 4 × 6 = 24 for shape [2, 3]");
    }
}
