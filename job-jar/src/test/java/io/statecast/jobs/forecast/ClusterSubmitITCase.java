package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastJobFixture.N;
import static io.statecast.jobs.forecast.ForecastJobSavepointITCase.ROWS_BEFORE_STOP;
import static io.statecast.jobs.forecast.ForecastJobSavepointITCase.RELEASED_BEFORE_STOP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statecast.cli.StatecastCli;
import io.statecast.jobs.testing.LocalFlinkCluster;
import io.statecast.jobs.testing.SharedLocalKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster jar on a real session cluster: deploy/local/start-cluster.sh starts a JobManager and two
 * TaskManager JVMs, {@code statecast submit} runs the forecast and the trainer job from
 * target/statecast-job.jar, {@code statecast cancel --savepoint} stops the forecast job in the middle of a
 * window, and the resubmitted job goes on from the savepoint: every forecast equals an uninterrupted
 * run's (same hidden states, steps seen counting on), none missing, none twice under read_committed. ND4J
 * comes from the cluster's class path, so its native library is unpacked once, not per submission.
 */
@Timeout(600)
class ClusterSubmitITCase {

    private static final Pattern JOB_ID = Pattern.compile("submitted with JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    @RegisterExtension
    static final SharedLocalKafka KAFKA = new SharedLocalKafka();

    @TempDir
    Path work;

    @Test
    void forecastJobResumesFromItsSavepointOnTheCluster() throws Exception {
        Path repo = Path.of(System.getProperty("statecast.repoRoot")).toRealPath();
        Path flinkLib = repo.resolve("job-jar/target/flink-lib");
        boolean offline = System.getProperty("statecast.mvnOffline", "").endsWith("=true");
        try (ForecastJobFixture fx = ForecastJobFixture.create(KAFKA.get(), 6, 40, work.resolve("unused"));
                LocalFlinkCluster cluster = LocalFlinkCluster.start(repo, work, flinkLib, offline, 2)) {
            try {
                runScenario(fx, cluster);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + cluster.logTails(), e);
            }
        }
    }

    private void runScenario(ForecastJobFixture fx, LocalFlinkCluster cluster) throws Exception {
        Path model = Files.write(work.resolve("model.snapshot"), fx.model);
        String savepoints = work.resolve("savepoints").toUri().toString();
        fx.series.produceRows(fx.io, fx.topics.events(), 0, ROWS_BEFORE_STOP);

        String forecast = submit(cluster, forecastArgs(fx, model));
        String trainer = submit(cluster, trainerArgs(fx, model));
        fx.awaitForecasts(fx.expected.count(RELEASED_BEFORE_STOP));
        String savepoint = stop(cluster, "--savepoint", savepoints, forecast);
        fx.expected.assertExactly(fx.allForecasts(), RELEASED_BEFORE_STOP);

        fx.series.produceRows(fx.io, fx.topics.events(), ROWS_BEFORE_STOP, 40);
        fx.series.produceRelease(fx.io, fx.topics.events());
        List<String> resume = new ArrayList<>(List.of("--savepoint", savepoint));
        resume.addAll(forecastArgs(fx, model));
        String resumed = submit(cluster, resume);
        fx.awaitForecasts(fx.expected.count(40));
        JsonNode restored = get(cluster, "/jobs/" + resumed + "/checkpoints").path("latest").path("restored");
        assertThat(get(cluster, "/jobs/" + trainer).path("state").asText()).as("trainer").isEqualTo("RUNNING");
        stop(cluster, "--savepoint", savepoints, resumed);
        stop(cluster, trainer);

        assertThat(restored.path("external_path").asText()).as("restored from").isEqualTo(savepoint);
        fx.expected.assertExactly(fx.allForecasts(), 40);
        assertThat(fx.allDeadLetters()).isEmpty();
        assertThat(nativeLibraryCopies(cluster.javacppCache()))
                .as("ND4J's native library, unpacked by the JobManager and 2 TaskManagers for 3 submissions")
                .hasSize(1);
    }

    /**
     * The copies of ND4J's native library in JavaCPP's cache. From the cluster's lib/ it is unpacked once;
     * from a job jar it was unpacked again for every submission, in each process, and never removed.
     */
    private static List<Path> nativeLibraryCopies(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.getFileName().toString().equals("libnd4jcpu.so")).toList();
        }
    }

    /** The fixture's job options as {@code forecast --key value ...}, from the model file, at parallelism 2. */
    private static List<String> forecastArgs(ForecastJobFixture fx, Path model) {
        List<String> args = new ArrayList<>(List.of("forecast"));
        for (Map.Entry<String, String> option : fx.options.toMap().entrySet()) {
            args.addAll(List.of("--" + option.getKey(), option.getValue()));
        }
        args.addAll(List.of("--model.file", model.toString(), "--parallelism", "2",
                "--checkpoint.interval", "300 ms"));
        return args;
    }

    /** The trainer on the same topics; with its default trainer.min-new-samples it publishes no model here. */
    private static List<String> trainerArgs(ForecastJobFixture fx, Path model) {
        return List.of("trainer", "--bootstrap.servers", fx.options.get(ForecastOptions.BOOTSTRAP_SERVERS),
                "--topic.events", fx.topics.events(), "--topic.models", fx.topics.models(),
                "--trainer.group.id", "trainer-" + fx.topics.events(), "--model.file", model.toString(),
                "--window.steps", String.valueOf(N));
    }

    /** {@code statecast submit} of the cluster jar; returns the job id it printed. */
    private static String submit(LocalFlinkCluster cluster, List<String> jobArgs) {
        List<String> args = new ArrayList<>(List.of("submit", "--jobmanager", cluster.restAddress(),
                "--jar", System.getProperty("statecast.jobJar")));
        args.addAll(jobArgs);
        return cli(args, JOB_ID);
    }

    /** {@code statecast cancel}; returns the savepoint path it printed, or the whole line without one. */
    private static String stop(LocalFlinkCluster cluster, String... args) {
        List<String> all = new ArrayList<>(List.of("cancel", "--jobmanager", cluster.restAddress()));
        all.addAll(List.of(args));
        return cli(all, args.length > 1 ? SAVEPOINT : Pattern.compile("(.+)"));
    }

    private static String cli(List<String> args, Pattern result) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StatecastCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        assertThat(code).as("statecast %s: %s", args, err).isZero();
        Matcher m = result.matcher(out.toString());
        assertThat(m.find()).as("output of statecast %s: %s", args, out).isTrue();
        return m.group(1);
    }

    private static JsonNode get(LocalFlinkCluster cluster, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + cluster.restAddress() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
