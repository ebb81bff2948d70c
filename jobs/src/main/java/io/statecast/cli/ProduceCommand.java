package io.statecast.cli;

import io.statecast.cli.input.EventReader;
import io.statecast.cli.input.InputFormat;
import io.statecast.cli.input.InvalidInputException;
import io.statecast.cli.input.LoopShift;
import io.statecast.cli.input.ParsedLine;
import io.statecast.cli.input.ReadAheadEventReader;
import io.statecast.schemas.TimeSeriesEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code statecast produce}: a CSV or JSON-lines file of observations into a topic as Avro events. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Send a file of observations to a topic as Avro TimeSeriesEvents keyed by series id "
                + "(idempotent producer, acks=all).",
                "CSV: header series_id,timestamp,value[,covariate...]; JSON lines: "
                        + "{\"series_id\":..,\"timestamp\":..,\"value\":..,\"covariates\":[..],\"source\":..}.",
                "Timestamps: ISO-8601 with a zone (1920-01-01T00:00:00Z) or epoch milliseconds.",
                "A bad line is reported with its number and skipped (--strict: the run stops, exit 1)."})
final class ProduceCommand implements Callable<Integer> {

    /** Bad lines shown one by one; the rest are only counted (a broken file must not flood stderr). */
    static final int MAX_REPORTED_BAD_LINES = 100;

    @Mixin
    BrokerOptions broker;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic to write to.")
    String topic;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "UTF-8 input file.")
    Path input;

    @Option(names = {"-f", "--format"}, defaultValue = "csv",
            description = "Input format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    InputFormat format;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
            description = "At most N events/s (default: as fast as the broker takes them).")
    double rate;

    @Option(names = "--loop", description = {"Replay the file until stopped (Ctrl-C). Each replay moves "
            + "every timestamp forward by the file's time span plus its smallest per-series step, so "
            + "event time keeps increasing."})
    boolean loop;

    @Option(names = "--strict", description = "Stop at the first bad line with exit code 1.")
    boolean strict;

    @Option(names = "--source", paramLabel = "TAG",
            description = "Source tag for events that carry none (default: none).")
    String source;

    @Spec
    CommandSpec spec;

    private long sent;
    private long bad;
    private ProgressLine progress;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw CliException.usage("input file " + input + " does not exist or is not readable");
        }
        if (rate < 0 || Double.isNaN(rate)) {
            throw CliException.usage("--rate must be >= 0 events/s, got " + rate);
        }
        broker.requireTopic(topic);
        PrintWriter err = spec.commandLine().getErr();
        try (StopSignal stop = new StopSignal(Duration.ofSeconds(15));
             EventPublisher publisher = new EventPublisher(broker, topic)) {
            progress = new ProgressLine(err, System.console() != null);
            try {
                sendAll(publisher, new Throttle(rate), stop);
            } finally {
                progress.finish();
            }
            publisher.flush();
            err.printf("sent %d events to %s (%d bad lines) in %.1f s, %.0f events/s%n", sent, topic, bad,
                    progress.secondsSoFar(), progress.perSecond(sent));
            err.flush();
        }
        return ExitCodes.OK;
    }

    private void sendAll(EventPublisher publisher, Throttle throttle, StopSignal stop)
            throws IOException {
        LoopShift shift = new LoopShift();
        long period = 0;
        for (long pass = 0; !stop.stopRequested(); pass++) {
            long offset = Math.multiplyExact(pass, period);
            try (EventReader reader = new ReadAheadEventReader(format.open(input, source))) {
                ParsedLine line;
                while (!stop.stopRequested() && (line = reader.next()) != null) {
                    if (line.isBad()) {
                        reportBad(line, publisher);
                        continue;
                    }
                    TimeSeriesEvent event = line.event();
                    if (pass == 0) {
                        shift.observe(event.getSeriesId(), event.getTimestamp().toEpochMilli());
                    } else {
                        event.setTimestamp(Instant.ofEpochMilli(event.getTimestamp().toEpochMilli() + offset));
                    }
                    throttle.acquire();
                    publisher.send(event);
                    progress.update(++sent);
                }
            } catch (InvalidInputException e) {
                throw CliException.data(input + ": " + e.getMessage());
            }
            if (!loop) {
                return;
            }
            if (pass == 0) {
                if (sent == 0) {
                    throw CliException.data(input + " has no valid events to loop over");
                }
                period = shift.periodMillis();
            }
        }
    }

    private void reportBad(ParsedLine line, EventPublisher publisher) {
        bad++;
        if (strict) {
            publisher.flush();
            throw CliException.data(input + " " + line.describeProblem() + " (--strict: stopped; " + sent
                    + " events before it were sent)");
        }
        PrintWriter err = spec.commandLine().getErr();
        progress.finish();
        if (bad <= MAX_REPORTED_BAD_LINES) {
            err.println("skipped " + input + " " + line.describeProblem());
        } else if (bad == MAX_REPORTED_BAD_LINES + 1) {
            err.println("more bad lines are only counted");
        }
    }
}
