package io.statecast.schemas.codec;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of one record type: {@code C3 01}, the writer schema's 8-byte
 * little-endian CRC-64-AVRO fingerprint, then the Avro binary body. Any Avro library (Java, Python,
 * Rust, C#) can read it given the writer schema, which is why we use it instead of a registry.
 *
 * <p>Decoding looks the fingerprint up in a {@link SchemaCatalog} and resolves the writer's schema to
 * this reader's, so older and newer compatible writers decode. Every failure is a {@link CodecException}
 * naming the problem; the body is parsed in place (no copy of the input). Thread-safe.
 */
public final class SingleObjectCodec<T extends SpecificRecord> {

    /** Length of the header: two marker bytes and the fingerprint. */
    public static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final Class<T> type;
    private final Schema readerSchema;
    private final byte[] header;
    private final SchemaCatalog catalog;
    private final SpecificDatumWriter<T> writer;
    private final Map<Long, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    public SingleObjectCodec(Class<T> type, SchemaCatalog catalog) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.catalog = catalog;
        this.writer = new SpecificDatumWriter<>(readerSchema);
        this.header = header(catalog.add(readerSchema));
    }

    /** A codec over the default catalog of Statecast schemas. */
    public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type) {
        return new SingleObjectCodec<>(type, SchemaCatalog.withStatecastSchemas());
    }

    public Schema schema() {
        return readerSchema;
    }

    /** The 10 header bytes every record this codec writes starts with. */
    public byte[] header() {
        return header.clone();
    }

    public byte[] encode(T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(header, 0, HEADER_LENGTH);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
            encoders.set(encoder);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new CodecException(CodecException.Problem.NOT_ENCODABLE,
                    "cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public T decode(byte[] bytes) {
        return bytes == null ? decode(null, 0, 0, null) : decode(bytes, 0, bytes.length, null);
    }

    /**
     * Decodes {@code bytes[offset, offset+length)}, reusing {@code reuse} when given.
     *
     * @throws CodecException for empty, truncated, foreign, unknown-schema or malformed input
     */
    public T decode(byte[] bytes, int offset, int length, T reuse) {
        if (bytes == null || length == 0) {
            throw new CodecException(CodecException.Problem.EMPTY, "no bytes to decode as " + type.getSimpleName());
        }
        if (length < HEADER_LENGTH) {
            throw new CodecException(CodecException.Problem.TRUNCATED, length + " bytes is shorter than the "
                    + HEADER_LENGTH + "-byte single-object header; the record was cut off");
        }
        if (bytes[offset] != MARKER_0 || bytes[offset + 1] != MARKER_1) {
            throw new CodecException(CodecException.Problem.BAD_MARKER, String.format(
                    "first bytes are %02X %02X, not the Avro single-object marker C3 01: not written by "
                            + "Statecast or an Avro single-object encoder", bytes[offset], bytes[offset + 1]));
        }
        long fingerprint = littleEndianLong(bytes, offset + 2);
        SpecificDatumReader<T> reader = readerFor(fingerprint);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                bytes, offset + HEADER_LENGTH, length - HEADER_LENGTH, decoders.get());
        decoders.set(decoder);
        T record;
        try {
            record = reader.read(reuse, decoder);
        } catch (EOFException e) {
            throw new CodecException(CodecException.Problem.TRUNCATED,
                    "the " + type.getSimpleName() + " body ends early (" + length + " bytes in all)", e);
        } catch (IOException | RuntimeException e) {
            throw new CodecException(CodecException.Problem.MALFORMED,
                    "the body is not a valid " + type.getSimpleName() + ": " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new CodecException(CodecException.Problem.MALFORMED, "bytes left over after a complete "
                        + type.getSimpleName() + " (" + length + " bytes in all): corrupt or concatenated record");
            }
        } catch (IOException e) {
            throw new CodecException(CodecException.Problem.MALFORMED, "cannot check the end of the record", e);
        }
        return record;
    }

    private SpecificDatumReader<T> readerFor(long fingerprint) {
        SpecificDatumReader<T> reader = readers.get(fingerprint);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema = catalog.find(fingerprint);
        if (writerSchema == null) {
            throw new CodecException(CodecException.Problem.UNKNOWN_SCHEMA, String.format(
                    "schema fingerprint %016x is not in the schema store; add the writer's .avsc to the "
                            + "store (SchemaCatalog.add / --schema-dir) to read %s written with it",
                    fingerprint, type.getSimpleName()));
        }
        SchemaCompatibility.SchemaPairCompatibility compat =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new CodecException(CodecException.Problem.INCOMPATIBLE_SCHEMA, String.format(
                    "writer schema %s (%016x) cannot be read as this %s: %s", writerSchema.getFullName(),
                    fingerprint, readerSchema.getFullName(), compat.getResult().getIncompatibilities()));
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema);
        readers.put(fingerprint, reader);
        return reader;
    }

    private static byte[] header(long fingerprint) {
        byte[] h = new byte[HEADER_LENGTH];
        h[0] = MARKER_0;
        h[1] = MARKER_1;
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return h;
    }

    private static long littleEndianLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
