package io.statecast.cli.input;

import io.statecast.schemas.TimeSeriesEvent;

/**
 * One input line: the event it holds, or why it was rejected. Line numbers count from 1 and include
 * the CSV header, so they match what an editor shows.
 */
public record ParsedLine(long lineNumber, TimeSeriesEvent event, String problem) {

    public static ParsedLine ok(long lineNumber, TimeSeriesEvent event) {
        return new ParsedLine(lineNumber, event, null);
    }

    public static ParsedLine bad(long lineNumber, String problem) {
        return new ParsedLine(lineNumber, null, problem);
    }

    public boolean isBad() {
        return problem != null;
    }

    /** {@code line 12: value is not finite: NaN} */
    public String describeProblem() {
        return "line " + lineNumber + ": " + problem;
    }
}
