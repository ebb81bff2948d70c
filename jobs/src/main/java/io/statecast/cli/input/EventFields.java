package io.statecast.cli.input;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses and checks the fields of an event the same way for every input format. */
final class EventFields {

    /** The schema's limit on series ids (also a sane Kafka key size). */
    static final int MAX_SERIES_ID_BYTES = 256;

    private EventFields() {}

    static String seriesId(String raw) throws InvalidFieldException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidFieldException("series_id is empty");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_SERIES_ID_BYTES) {
            throw new InvalidFieldException("series_id is longer than " + MAX_SERIES_ID_BYTES + " bytes");
        }
        return raw;
    }

    /** ISO-8601 with a zone ({@code 1920-01-01T00:00:00Z}, {@code ...+01:00}) or epoch milliseconds. */
    static long timestamp(String raw) throws InvalidFieldException {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw new InvalidFieldException("timestamp is empty");
        }
        if (isInteger(s)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new InvalidFieldException("timestamp is out of range of epoch milliseconds: " + s);
            }
        }
        long fast = IsoInstants.epochMillisOrNoMatch(s);
        if (fast != IsoInstants.NO_MATCH) {
            return fast;
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new InvalidFieldException("timestamp is neither ISO-8601 with a zone "
                        + "(1920-01-01T00:00:00Z) nor epoch milliseconds: '" + s + "'");
            }
        }
    }

    /** A finite double; {@code field} names it in the message. */
    static double finite(String raw, String field) throws InvalidFieldException {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw new InvalidFieldException(field + " is empty");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field + " is not a number: '" + s + "'");
        }
        return finite(v, field);
    }

    static double finite(double v, String field) throws InvalidFieldException {
        if (!Double.isFinite(v)) {
            throw new InvalidFieldException(field + " is not finite: " + v);
        }
        return v;
    }

    private static boolean isInteger(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
