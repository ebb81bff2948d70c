package io.statecast.model.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reads arrays numpy wrote (parity/formats) and writes arrays numpy's format describes. */
class NpyTest {

    private static final INDArray ZERO_TO_FIVE = Nd4j.arange(6).reshape(2, 3);

    @Test
    void readsNumpyLayouts() {
        INDArray f4 = Npy.read(GoldenCase.file("formats/f4_c.npy"));
        assertThat(f4.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(f4).isEqualTo(ZERO_TO_FIVE.castTo(DataType.FLOAT));
        INDArray fortran = Npy.read(GoldenCase.file("formats/f8_fortran.npy"));
        assertThat(fortran.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(fortran.ordering()).isEqualTo('c');
        assertThat(fortran).isEqualTo(ZERO_TO_FIVE.castTo(DataType.DOUBLE));
        assertThat(Npy.read(GoldenCase.file("formats/f8_big_endian.npy")))
                .isEqualTo(ZERO_TO_FIVE.castTo(DataType.DOUBLE));
        INDArray longs = Npy.read(GoldenCase.file("formats/i8_vector.npy"));
        assertThat(longs.dataType()).isEqualTo(DataType.LONG);
        assertThat(longs.toLongVector()).containsExactly(0, 1, 2, 3);
        INDArray scalar = Npy.read(GoldenCase.file("formats/f4_scalar.npy"));
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.getFloat(0)).isEqualTo(2.5f);
    }

    @Test
    void readsCompressedArchives() {
        Map<String, INDArray> arrays = Npz.read(GoldenCase.file("formats/compressed.npz"));
        assertThat(arrays.keySet()).containsExactly("a", "b");
        assertThat(arrays.get("a")).isEqualTo(ZERO_TO_FIVE.castTo(DataType.FLOAT));
        assertThat(arrays.get("b").toIntVector()).containsExactly(0, 1, 2);
    }

    @Test
    void writesAlignedHeadersAndRoundTrips(@TempDir Path directory) {
        byte[] bytes = Npy.toBytes(Nd4j.create(new float[] {1, 2, 3, 4, 5}));
        String header = new String(bytes, 10, bytes.length - 10 - 20, StandardCharsets.ISO_8859_1);
        assertThat(header)
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }")
                .endsWith("\n");
        assertThat((bytes.length - 20) % 64).isZero();

        INDArray view =
                Nd4j.rand(DataType.DOUBLE, 3, 4, 2)
                        .get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        for (INDArray array :
                List.of(
                        view,
                        Nd4j.scalar(7.0),
                        Nd4j.create(new int[] {4, -1}, new long[] {1, 2}, DataType.INT),
                        Nd4j.rand(DataType.FLOAT, 4, 6, 1))) {
            Path file = directory.resolve("a.npy");
            Npy.write(array, file);
            INDArray back = Npy.read(file);
            assertThat(back.shape()).as(Arrays.toString(array.shape())).isEqualTo(array.shape());
            assertThat(back).isEqualTo(array);
        }
    }

    @Test
    void archivesRoundTrip(@TempDir Path directory) {
        Path file = directory.resolve("state.npz");
        Npz.write(Map.of("rnn.weight_ih_l0", ZERO_TO_FIVE.castTo(DataType.FLOAT)), file);
        assertThat(Npz.read(file)).containsOnlyKeys("rnn.weight_ih_l0");
    }

    @Test
    void rejectsWhatItCannotRead(@TempDir Path directory) {
        assertThatThrownBy(() -> Npy.read("not numpy".getBytes(), "x.npy"))
                .hasMessage("x.npy is not a .npy file (no \\x93NUMPY magic)");
        byte[] complete = Npy.toBytes(Nd4j.rand(DataType.FLOAT, 2, 2));
        byte[] truncated = Arrays.copyOf(complete, complete.length - 10);
        assertThatThrownBy(() -> Npy.read(truncated, "t.npy"))
                .hasMessageContaining("t.npy holds 6 data bytes; shape [2, 2] of FLOAT needs 16");
        byte[] halves = Npy.toBytes(Nd4j.rand(DataType.FLOAT, 2));
        String patched = new String(halves, StandardCharsets.ISO_8859_1).replace("<f4", "<f2");
        assertThatThrownBy(() -> Npy.read(patched.getBytes(StandardCharsets.ISO_8859_1), "h.npy"))
                .hasMessage("h.npy has dtype f2; supported are float32, float64, int32 and int64");
        assertThatThrownBy(() -> Npy.toBytes(Nd4j.create(DataType.BOOL, 2)))
                .hasMessageContaining("cast to FLOAT or DOUBLE");
        assertThatThrownBy(() -> Npy.read(Arrays.copyOf(complete, 40), "h.npy"))
                .hasMessage("h.npy has an unsupported or truncated .npy header (version 1)");
        assertThatThrownBy(() -> Npz.read(directory.resolve("absent.npz")))
                .hasMessageContaining("absent.npz");
    }
}
