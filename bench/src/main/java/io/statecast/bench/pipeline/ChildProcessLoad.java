package io.statecast.bench.pipeline;

import io.statecast.kafka.TopicNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's broker, producer and latency probe in a child JVM ({@link LoadProcess}, same
 * classpath), optionally pinned to CPUs of its own with {@code taskset}: on a small machine the load
 * side otherwise takes CPU from the jobs it measures, and a latency run at "half of the maximum"
 * measures a saturated machine.
 */
final class ChildProcessLoad implements BenchLoad {

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader answers;
    private final String bootstrap;

    /** @param cpus taskset CPU list for the child, or null to let it run on any CPU */
    ChildProcessLoad(String cpus) {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx3g", "-cp", System.getProperty("java.class.path"), LoadProcess.class.getName()));
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " for the load process"
                    + (cpus == null ? "" : " (--load-cpus needs taskset, package util-linux, on the PATH)"), e);
        }
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        bootstrap = await("start").get("bootstrap");
    }

    @Override
    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public TopicNames createTopics(String suffix, int partitions) {
        call("topics " + suffix + " " + partitions);
        return TopicNames.withSuffix(suffix);
    }

    @Override
    public long preProduce(String topic, int keys, int rounds) {
        return Long.parseLong(call("preproduce " + topic + " " + keys + " " + rounds).get("events"));
    }

    @Override
    public LatencyRun latency(String eventsTopic, String outputTopic, int keys, double rate, Duration length,
            boolean identity, int skip) {
        Map<String, String> a = call(String.join(" ", "latency", eventsTopic, outputTopic, Integer.toString(keys),
                Double.toString(rate), Long.toString(length.toMillis()), Boolean.toString(identity),
                Integer.toString(skip)));
        return new LatencyRun(Long.parseLong(a.get("sent")), Double.parseDouble(a.get("achieved")),
                a.get("summary"), a.get("worst"));
    }

    private Map<String, String> call(String command) {
        commands.println(command);
        return await(command);
    }

    /** The answers to one command, by key; lines without the prefix (the child's logging) go to stderr. */
    private Map<String, String> await(String command) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (!line.startsWith(LoadProcess.PREFIX)) {
                    System.err.println("[load] " + line);
                    continue;
                }
                String answer = line.substring(LoadProcess.PREFIX.length());
                if (answer.equals("ok")) {
                    return values;
                }
                if (answer.startsWith("error ")) {
                    throw new IllegalStateException("load process failed at '" + command + "': "
                            + answer.substring(6));
                }
                int space = answer.indexOf(' ');
                values.put(answer.substring(0, space), answer.substring(space + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lost the load process at '" + command + "'", e);
        }
        throw new IllegalStateException("the load process exited at '" + command + "' (its stderr is above)");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
