package io.statecast.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Flink session cluster in separate JVMs, started and stopped by {@code deploy/local/start-cluster.sh} and
 * {@code stop-cluster.sh} as a user would, with free loopback ports and every file under one directory, the
 * native libraries JavaCPP unpacks too.
 * {@link #close} stops it, and kills what the script could not stop.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final String JAVACPP_CACHE = "javacpp-cache";

    private final Path scripts;
    private final Path work;
    private final Map<String, String> env;
    private final int restPort;

    private LocalFlinkCluster(Path scripts, Path work, Map<String, String> env, int restPort) {
        this.scripts = scripts;
        this.work = work;
        this.env = env;
        this.restPort = restPort;
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers with {@code repoRoot}'s deploy/config.yaml,
     * checkpoints, savepoints, uploads, logs and pid files under {@code work}.
     *
     * @param flinkLib where the script caches Flink's jars
     * @param mvnOffline whether the script's Maven may use the network
     */
    public static LocalFlinkCluster start(Path repoRoot, Path work, Path flinkLib, boolean mvnOffline,
            int taskManagers) throws IOException, InterruptedException {
        int restPort = freePort();
        LocalFlinkCluster cluster = new LocalFlinkCluster(repoRoot.resolve("deploy/local"), work, Map.of(
                "STATECAST_CLUSTER_DIR", work.resolve("cluster").toString(),
                "STATECAST_FLINK_LIB", flinkLib.toString(),
                "STATECAST_MVN_OPTS", mvnOffline ? "-o" : ""), restPort);
        String files = work.toUri().toString();
        String javacppCache = "-Dorg.bytedeco.javacpp.cachedir=" + work.resolve(JAVACPP_CACHE);
        List<String> args = new ArrayList<>(List.of("--taskmanagers", String.valueOf(taskManagers),
                "-Drest.port=" + restPort,
                "-Djobmanager.rpc.port=" + freePort(),
                "-Dexecution.checkpointing.dir=" + files + "checkpoints",
                "-Dexecution.checkpointing.savepoint-dir=" + files + "savepoints",
                "-Dweb.upload.dir=" + work.resolve("uploads"),
                "-Djobmanager.memory.process.size=1024m",
                "-Dtaskmanager.memory.process.size=1536m",
                "-Denv.java.opts.jobmanager=" + javacppCache,
                "-Denv.java.opts.taskmanager=" + javacppCache,
                // A failing job fails the test at once instead of restarting.
                "-Drestart-strategy.type=none"));
        try {
            cluster.run("start-cluster.sh", args);
        } catch (IOException | RuntimeException e) {
            try {
                cluster.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return cluster;
    }

    /** {@code localhost:port} of the JobManager's REST endpoint. */
    public String restAddress() {
        return "localhost:" + restPort;
    }

    /** Where the cluster's processes unpack native libraries (JavaCPP's cache, else ~/.javacpp/cache). */
    public Path javacppCache() {
        return work.resolve(JAVACPP_CACHE);
    }

    /** The last lines of every process's log: what to read when a job did not behave. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> logs = Files.list(work.resolve("cluster/log"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("--- ").append(log).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("(no logs: ").append(e).append(")");
        }
        return out.toString();
    }

    /** Runs stop-cluster.sh; kills any process of the cluster still alive after it. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("stop-cluster.sh", List.of());
        } finally {
            Path pids = work.resolve("cluster/pids");
            if (Files.isDirectory(pids)) {
                try (Stream<Path> files = Files.list(pids)) {
                    for (Path pid : files.toList()) {
                        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                                .ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
        }
    }

    private void run(String script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", scripts.resolve(script).toString()));
        command.addAll(args);
        Path output = work.resolve(script + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not end within " + SCRIPT_TIMEOUT + ": "
                    + Files.readString(output));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " exited with " + process.exitValue() + ": "
                    + Files.readString(output));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
