package io.statecast.cli.offline;

import io.statecast.cli.CliException;
import io.statecast.cli.input.CsvEventReader;
import io.statecast.cli.input.InvalidInputException;
import io.statecast.cli.input.ParsedLine;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole series read from a {@code series_id,timestamp,value} CSV file (the format {@code produce}
 * reads), in file order per series; timestamps must increase within a series. Any bad line stops
 * the read: offline results on silently thinned data would mislead.
 */
final class SeriesFile {

    /** One series: strictly increasing timestamps (epoch millis) and their values. */
    record Series(String id, long[] timestamps, double[] values) {

        int length() {
            return values.length;
        }

        /** The first {@code n} steps. */
        Series head(int n) {
            return new Series(id, Arrays.copyOf(timestamps, n), Arrays.copyOf(values, n));
        }
    }

    private SeriesFile() {}

    /**
     * @throws CliException usage (exit 2) for a missing file, data (exit 1) for an empty or bad one
     */
    static Map<String, Series> read(Path file) {
        Map<String, List<Long>> stamps = new LinkedHashMap<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CsvEventReader reader = new CsvEventReader(in, file.toString())) {
            for (ParsedLine line = reader.next(); line != null; line = reader.next()) {
                if (line.isBad()) {
                    throw CliException.data(file + " " + line.describeProblem());
                }
                String id = line.event().getSeriesId();
                long t = line.event().getTimestamp().toEpochMilli();
                List<Long> ts = stamps.computeIfAbsent(id, k -> new ArrayList<>());
                if (!ts.isEmpty() && ts.get(ts.size() - 1) >= t) {
                    throw CliException.data(file + " line " + line.lineNumber() + ": series '" + id
                            + "' goes back in time (or repeats a timestamp); sort the file by "
                            + "series and time and drop duplicates");
                }
                ts.add(t);
                values.computeIfAbsent(id, k -> new ArrayList<>()).add(line.event().getValue());
            }
        } catch (NoSuchFileException e) {
            throw CliException.usage("input file " + file + " does not exist");
        } catch (InvalidInputException e) {
            throw CliException.data(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (values.isEmpty()) {
            throw CliException.data(file + " holds no data rows, only a header; expected lines of "
                    + "series_id,timestamp,value");
        }
        Map<String, Series> out = new LinkedHashMap<>();
        values.forEach((id, v) -> out.put(id, new Series(id,
                stamps.get(id).stream().mapToLong(Long::longValue).toArray(),
                v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    /** The values by series id. */
    static Map<String, double[]> values(Map<String, Series> series) {
        Map<String, double[]> out = new LinkedHashMap<>();
        series.forEach((id, s) -> out.put(id, s.values()));
        return out;
    }
}
