package io.statecast.schemas.codec;

import io.statecast.schemas.DeadLetter;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastScore;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.SeriesState;
import io.statecast.schemas.TimeSeriesEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The schema store of the single-object encoding: writer schemas by their CRC-64-AVRO fingerprint.
 *
 * <p>It starts with the current schema of every Statecast record and every older version shipped under
 * {@code io/statecast/schemas/history/} (listed in {@code index.txt}); more can be added from files
 * or at run time, so records written with an older or newer compatible schema still decode.
 * Thread-safe.
 */
public final class SchemaCatalog {

    private static final String HISTORY = "/io/statecast/schemas/history/";
    private static final List<Schema> CURRENT = List.of(
            TimeSeriesEvent.getClassSchema(), Forecast.getClassSchema(), ModelSnapshot.getClassSchema(),
            SeriesState.getClassSchema(), DeadLetter.getClassSchema(), ForecastScore.getClassSchema());

    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

    private SchemaCatalog() {}

    /** A catalog holding the current and all shipped historical Statecast schemas. */
    public static SchemaCatalog withStatecastSchemas() {
        SchemaCatalog catalog = new SchemaCatalog();
        CURRENT.forEach(catalog::add);
        catalog.addShippedHistory();
        return catalog;
    }

    /** An empty catalog (tests, or a consumer that wants to control every schema itself). */
    public static SchemaCatalog empty() {
        return new SchemaCatalog();
    }

    /** The single-object fingerprint of a schema: CRC-64-AVRO of its parsing canonical form. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** Adds a writer schema; returns its fingerprint. */
    public long add(Schema schema) {
        long fp = fingerprint(schema);
        byFingerprint.putIfAbsent(fp, schema);
        return fp;
    }

    /** Adds every {@code *.avsc} file of a directory (each file is parsed on its own). */
    public SchemaCatalog addDirectory(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.avsc")) {
            for (Path file : files) {
                add(new Schema.Parser().parse(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema directory " + dir, e);
        }
        return this;
    }

    /** The schema written with this fingerprint, or null. */
    public Schema find(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    public int size() {
        return byFingerprint.size();
    }

    private void addShippedHistory() {
        try (InputStream index = SchemaCatalog.class.getResourceAsStream(HISTORY + "index.txt")) {
            if (index == null) {
                return;
            }
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (name.isBlank() || name.startsWith("#")) {
                    continue;
                }
                try (InputStream in = SchemaCatalog.class.getResourceAsStream(HISTORY + name.strip())) {
                    if (in == null) {
                        throw new IllegalStateException("schema history index names a missing file: " + name);
                    }
                    add(new Schema.Parser().parse(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped schema history", e);
        }
    }
}
