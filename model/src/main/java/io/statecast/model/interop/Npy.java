package io.statecast.model.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format (versions 1–3): reads float32, float64, int32 and int64 arrays of any
 * shape in either byte order and C or Fortran order, and writes C-ordered little-endian arrays that
 * {@code numpy.load} reads. Our own reader because ND4J 1.0.0-M2.1's {@code createFromNpzFile}
 * fails on 0-d arrays ({@code NumberFormatException} on shape {@code ()}).
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int ALIGNMENT = 64;

    private Npy() {}

    /** Reads a {@code .npy} file. */
    public static INDArray read(Path file) {
        try {
            return read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code .npy} bytes into a new C-ordered array (FLOAT, DOUBLE, INT32 or INT64).
     *
     * @param source names the file or archive entry in error messages
     */
    public static INDArray read(byte[] bytes, String source) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(
                    source + " is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort(8)) : buffer.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        if (major < 1 || major > 3 || headerStart + headerLength > bytes.length) {
            throw new IllegalArgumentException(
                    source
                            + " has an unsupported or truncated .npy header "
                            + "(version "
                            + major
                            + ")");
        }
        String header =
                new String(
                        bytes,
                        headerStart,
                        headerLength,
                        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = find(DESCR, header, source, "'descr' of a float or int dtype");
        boolean fortran = find(FORTRAN, header, source, "'fortran_order'").group(1).equals("True");
        long[] shape = parseShape(find(SHAPE, header, source, "'shape'").group(1), source);
        DataType type =
                dataType(descr.group(2).charAt(0), Integer.parseInt(descr.group(3)), source);
        long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        int width = type.width();
        int dataStart = headerStart + headerLength;
        if (bytes.length - dataStart != elements * width) {
            throw new IllegalArgumentException(
                    source
                            + " holds "
                            + (bytes.length - dataStart)
                            + " data bytes; shape "
                            + Arrays.toString(shape)
                            + " of "
                            + type
                            + " needs "
                            + elements * width);
        }
        ByteBuffer data =
                ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart)
                        .order(
                                descr.group(1).equals(">")
                                        ? ByteOrder.BIG_ENDIAN
                                        : ByteOrder.LITTLE_ENDIAN);
        return toArray(data, type, (int) elements, shape, fortran ? 'f' : 'c');
    }

    /** Writes {@code array} as a little-endian, C-ordered {@code .npy} (version 1.0). */
    public static void write(INDArray array, Path file) {
        try {
            Files.write(file, toBytes(array));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The {@code .npy} bytes of {@code array} (FLOAT, DOUBLE, INT32 or INT64). */
    public static byte[] toBytes(INDArray array) {
        String descr =
                switch (array.dataType()) {
                    case FLOAT -> "<f4";
                    case DOUBLE -> "<f8";
                    case INT -> "<i4";
                    case LONG -> "<i8";
                    default ->
                            throw new IllegalArgumentException(
                                    "cannot write "
                                            + array.dataType()
                                            + " to .npy; cast to FLOAT or DOUBLE first");
                };
        StringBuilder shape = new StringBuilder();
        for (long size : array.shape()) {
            shape.append(size).append(", ");
        }
        if (array.rank() > 1) {
            shape.setLength(shape.length() - 2);
        } else if (array.rank() == 1) {
            shape.setLength(shape.length() - 1);
        }
        StringBuilder header =
                new StringBuilder(
                        "{'descr': '"
                                + descr
                                + "', 'fortran_order': False, "
                                + "'shape': ("
                                + shape.toString().strip()
                                + "), }");
        // Pad with spaces so the data starts on a 64-byte boundary, then end with a newline.
        while ((MAGIC.length + 4 + header.length() + 1) % ALIGNMENT != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write(header.length() >>> 8);
        out.writeBytes(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(littleEndianData(array));
        return out.toByteArray();
    }

    private static byte[] littleEndianData(INDArray array) {
        INDArray flat =
                array.length() == 0 ? array : array.reshape('c', new long[] {array.length()});
        int width = array.dataType().width();
        ByteBuffer data =
                ByteBuffer.allocate((int) array.length() * width).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < array.length(); i++) {
            switch (array.dataType()) {
                case FLOAT -> data.putFloat(flat.getFloat(i));
                case DOUBLE -> data.putDouble(flat.getDouble(i));
                case INT -> data.putInt(flat.getInt((int) i));
                default -> data.putLong(flat.getLong(i));
            }
        }
        return data.array();
    }

    private static INDArray toArray(
            ByteBuffer data, DataType type, int elements, long[] shape, char order) {
        INDArray flat =
                switch (type) {
                    case FLOAT -> {
                        float[] values = new float[elements];
                        data.asFloatBuffer().get(values);
                        yield Nd4j.createFromArray(values);
                    }
                    case DOUBLE -> {
                        double[] values = new double[elements];
                        data.asDoubleBuffer().get(values);
                        yield Nd4j.createFromArray(values);
                    }
                    case INT -> {
                        int[] values = new int[elements];
                        data.asIntBuffer().get(values);
                        yield Nd4j.createFromArray(values);
                    }
                    default -> {
                        long[] values = new long[elements];
                        data.asLongBuffer().get(values);
                        yield Nd4j.createFromArray(values);
                    }
                };
        if (shape.length == 0) {
            return flat.reshape(new long[0]);
        }
        return flat.reshape(order, shape).dup('c');
    }

    private static DataType dataType(char kind, int bytes, String source) {
        if (kind == 'f' && bytes == 4) {
            return DataType.FLOAT;
        } else if (kind == 'f' && bytes == 8) {
            return DataType.DOUBLE;
        } else if (kind == 'i' && bytes == 4) {
            return DataType.INT;
        } else if (kind == 'i' && bytes == 8) {
            return DataType.LONG;
        }
        throw new IllegalArgumentException(
                source
                        + " has dtype "
                        + kind
                        + bytes
                        + "; supported are float32, float64, int32 and int64");
    }

    private static long[] parseShape(String tuple, String source) {
        String[] parts = tuple.split(",");
        return Arrays.stream(parts)
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .mapToLong(
                        p -> {
                            try {
                                return Long.parseLong(p);
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException(
                                        source + " has a malformed shape (" + tuple + ")", e);
                            }
                        })
                .toArray();
    }

    private static Matcher find(Pattern pattern, String header, String source, String what) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IllegalArgumentException(
                    source + " has no " + what + " in its .npy header: " + header.strip());
        }
        return matcher;
    }
}
