package io.statecast.cli.input;

import io.statecast.schemas.TimeSeriesEvent;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header line {@code series_id,timestamp,value[,covariate...]}: every further column is a
 * covariate, in order. Empty lines are skipped; a line with another number of columns is bad.
 * Quoted fields may not span lines (line numbers would no longer match).
 */
public final class CsvEventReader implements EventReader {

    private static final List<String> REQUIRED = List.of("series_id", "timestamp", "value");

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int columns;
    private final List<String> headers;
    private final String source;

    /**
     * @param source tag put in every event's {@code source} field, or null
     * @throws InvalidInputException when the header is missing or does not start with the required columns
     */
    public CsvEventReader(Reader input, String source) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        this.parser = CSVParser.builder().setReader(input).setFormat(format).get();
        this.records = parser.iterator();
        this.source = source;
        if (!records.hasNext()) {
            throw new InvalidInputException("the input is empty; expected a header line "
                    + String.join(",", REQUIRED));
        }
        this.headers = records.next().toList().stream().map(String::strip).toList();
        List<String> leading = headers.subList(0, Math.min(headers.size(), REQUIRED.size()));
        if (!leading.stream().map(String::toLowerCase).toList().equals(REQUIRED)) {
            throw new InvalidInputException("line 1: the header must start with " + String.join(",", REQUIRED)
                    + " (then optional covariate columns), got " + String.join(",", headers));
        }
        this.columns = headers.size();
    }

    @Override
    public ParsedLine next() throws IOException {
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CSVException csv) {
                    // Broken quoting: nothing after it can be trusted.
                    throw new InvalidInputException("malformed CSV: " + csv.getMessage());
                }
                throw e.getCause();
            }
            // The header is record 1 and empty lines are records, so record number = line number.
            long line = record.getRecordNumber();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            return parse(record, line);
        }
    }

    private ParsedLine parse(CSVRecord record, long line) {
        if (record.size() != columns) {
            return ParsedLine.bad(line, "expected " + columns + " columns (" + String.join(",", headers)
                    + "), got " + record.size());
        }
        try {
            String id = EventFields.seriesId(record.get(0));
            long timestamp = EventFields.timestamp(record.get(1));
            double value = EventFields.finite(record.get(2), "value");
            List<Double> covariates = new ArrayList<>(columns - REQUIRED.size());
            for (int i = REQUIRED.size(); i < columns; i++) {
                covariates.add(EventFields.finite(record.get(i), "covariate " + headers.get(i)));
            }
            return ParsedLine.ok(line, new TimeSeriesEvent(id, Instant.ofEpochMilli(timestamp), value,
                    covariates, source));
        } catch (InvalidFieldException e) {
            return ParsedLine.bad(line, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
