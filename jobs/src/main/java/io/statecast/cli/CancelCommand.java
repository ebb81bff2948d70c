package io.statecast.cli;

import io.statecast.cli.cluster.FlinkRestClient;
import io.statecast.cli.cluster.FlinkRestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code statecast cancel}: stops a job on a Flink cluster, with a savepoint to resume it from. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Stop a job on a Flink cluster through the JobManager's REST API. With --savepoint: "
                + "stop-with-savepoint (what `flink stop --savepointPath DIR JOB_ID` does), wait until the job "
                + "has finished and print the savepoint's path for `statecast submit --savepoint`. Without: "
                + "cancel the job (its state is lost unless a retained checkpoint holds it)."})
final class CancelCommand implements Callable<Integer> {

    private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED");
    private static final Duration POLL = Duration.ofMillis(250);

    @Mixin
    JobManagerOption jobManager;

    @Option(names = {"-s", "--savepoint"}, paramLabel = "DIR",
            description = "Directory (path or URI the cluster can write, e.g. file:///tmp/savepoints) for the "
                    + "savepoint.")
    String savepointDir;

    @Option(names = "--drain",
            description = "Fire all event-time timers first (ends the stream: open windows are flushed, "
                    + "so a restored job does not continue them).")
    boolean drain;

    @Option(names = "--timeout", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to wait for the savepoint and the job's end (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job's id (32 hex digits).")
    String jobId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!jobId.matches("[0-9a-fA-F]{32}")) {
            throw CliException.usage("JOB_ID must be 32 hex digits (as printed by statecast submit), got '"
                    + jobId + "'");
        }
        FlinkRestClient flink = jobManager.client(Duration.ofSeconds(30));
        PrintWriter out = spec.commandLine().getOut();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (savepointDir == null) {
                flink.cancel(jobId);
                String state = awaitEnd(flink, deadline);
                out.println("Job " + jobId + " " + state.toLowerCase(Locale.ROOT) + ".");
            } else {
                String trigger = flink.stopWithSavepoint(jobId, savepointDir, drain);
                String location = awaitSavepoint(flink, trigger, deadline);
                String state = awaitEnd(flink, deadline);
                out.println("Job " + jobId + " " + state.toLowerCase(Locale.ROOT)
                        + ". Savepoint completed. Path: " + location);
            }
        } catch (FlinkRestException e) {
            throw JobManagerOption.error(e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String awaitSavepoint(FlinkRestClient flink, String trigger, long deadline)
            throws IOException, InterruptedException {
        while (true) {
            String location = flink.savepointLocation(jobId, trigger);
            if (location != null) {
                return location;
            }
            checkDeadline(deadline, "the savepoint of job " + jobId + " did not complete");
            Thread.sleep(POLL.toMillis());
        }
    }

    private String awaitEnd(FlinkRestClient flink, long deadline) throws IOException, InterruptedException {
        while (true) {
            String state = flink.jobState(jobId);
            if (TERMINAL.contains(state)) {
                return state;
            }
            checkDeadline(deadline, "job " + jobId + " is still " + state);
            Thread.sleep(POLL.toMillis());
        }
    }

    private void checkDeadline(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw CliException.unavailable(what + " within " + timeout + "; see the JobManager's log", null);
        }
    }
}
