package io.statecast.cli;

import io.statecast.cli.cluster.ClusterJob;
import io.statecast.cli.cluster.FlinkRestClient;
import io.statecast.cli.cluster.FlinkRestException;
import io.statecast.cli.cluster.JarRunRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code statecast submit}: uploads the cluster jar to a Flink session cluster and runs a job of it. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Upload the cluster jar (statecast-job.jar) to a Flink session cluster and run the forecast "
                + "or the trainer job, optionally restored from a savepoint: what `flink run -c MAIN "
                + "statecast-job.jar` does, through the JobManager's REST API. Job options follow the job "
                + "name as --key value (keys: statecast forecast-job --help / trainer-job --help); the "
                + "JobManager runs the job's main, so a --model.file must be readable there.",
                "Example: statecast submit -m localhost:8081 forecast --bootstrap.servers localhost:9092"})
final class SubmitCommand implements Callable<Integer> {

    /** Where `mvn package` leaves the cluster jar, relative to the repository root. */
    static final String DEFAULT_JAR = "job-jar/target/statecast-job.jar";
    /** Running a job's main includes fetching the initial model from the models topic (up to 30 s). */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    @Mixin
    JobManagerOption jobManager;

    @Option(names = "--jar", paramLabel = "FILE", defaultValue = DEFAULT_JAR,
            description = "The cluster jar (default: ${DEFAULT-VALUE}; build it with "
                    + "mvn -pl job-jar -am package -DskipTests).")
    Path jar;

    @Option(names = {"-s", "--savepoint"}, paramLabel = "PATH",
            description = "Restore the job from this savepoint (as printed by statecast cancel).")
    String savepoint;

    @Option(names = "--allow-non-restored-state",
            description = "Start even if the savepoint holds state of an operator the job no longer has.")
    boolean allowNonRestoredState;

    @Parameters(index = "0", paramLabel = "JOB", description = "forecast or trainer.")
    String job;

    @Parameters(index = "1..*", paramLabel = "--KEY VALUE", description = "Job options.")
    List<String> jobArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        JarRunRequest run;
        try {
            ClusterJob clusterJob = ClusterJob.named(job);
            run = new JarRunRequest(clusterJob.entryClass(), clusterJob.programArgs(jobArgs), savepoint,
                    allowNonRestoredState);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        if (!Files.isRegularFile(jar)) {
            throw CliException.usage("cluster jar " + jar.toAbsolutePath() + " not found: build it with "
                    + "`mvn -pl job-jar -am package -DskipTests` or pass --jar FILE");
        }
        FlinkRestClient flink = jobManager.client(RUN_TIMEOUT);
        String jobId = submit(flink, run);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Job has been submitted with JobID " + jobId);
        out.println("Web UI: " + flink.address() + "/#/job/running/" + jobId + "/overview");
        out.flush();
        return ExitCodes.OK;
    }

    /** Uploads, runs, and deletes the uploaded jar again (the job keeps its own copy in the blob store). */
    private String submit(FlinkRestClient flink, JarRunRequest run) throws IOException {
        try {
            String jarId = flink.uploadJar(jar);
            try {
                return flink.runJar(jarId, run);
            } finally {
                flink.deleteJar(jarId);
            }
        } catch (FlinkRestException e) {
            throw JobManagerOption.error(e);
        }
    }
}
