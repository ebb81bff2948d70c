package io.statecast.bench.pipeline;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The child JVM behind {@link ChildProcessLoad}: an {@link InProcessLoad} that takes one command per
 * line on stdin and answers on stdout with lines that start with {@link #PREFIX}, the last one
 * {@code ok} or {@code error <message>}. It stops at {@code quit} or at the end of stdin (its parent
 * died).
 */
public final class LoadProcess {

    static final String PREFIX = "@load ";

    private LoadProcess() {}

    public static void main(String[] args) throws Exception {
        // Kafka and Flink classes may log to stdout: answers go to the stream taken before any of them loads.
        PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        try (InProcessLoad load = new InProcessLoad();
                BufferedReader commands = new BufferedReader(
                        new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            answer(answers, "bootstrap", load.bootstrapServers());
            answers.println(PREFIX + "ok");
            for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
                try {
                    serve(load, line.split(" "), answers);
                    answers.println(PREFIX + "ok");
                } catch (Exception e) {
                    answers.println(PREFIX + "error " + String.valueOf(e).replace('\n', ' '));
                }
            }
        }
    }

    private static void serve(InProcessLoad load, String[] c, PrintStream answers) throws Exception {
        switch (c[0]) {
            case "topics" -> load.createTopics(c[1], Integer.parseInt(c[2]));
            case "preproduce" -> answer(answers, "events",
                    Long.toString(load.preProduce(c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]))));
            case "latency" -> {
                BenchLoad.LatencyRun run = load.latency(c[1], c[2], Integer.parseInt(c[3]), Double.parseDouble(c[4]),
                        Duration.ofMillis(Long.parseLong(c[5])), Boolean.parseBoolean(c[6]), Integer.parseInt(c[7]));
                answer(answers, "sent", Long.toString(run.sent()));
                answer(answers, "achieved", Double.toString(run.achievedPerSecond()));
                answer(answers, "summary", run.summary());
                answer(answers, "worst", run.worstPerSecond());
            }
            default -> throw new IllegalArgumentException("unknown command " + c[0]);
        }
    }

    private static void answer(PrintStream answers, String key, String value) {
        answers.println(PREFIX + key + " " + value);
    }
}
