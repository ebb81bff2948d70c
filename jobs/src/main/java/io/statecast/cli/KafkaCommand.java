package io.statecast.cli;

import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicNames;
import io.statecast.kafka.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code statecast kafka}: a local single-node Kafka broker in the foreground until Ctrl-C. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = {"Run a single-node Kafka broker (KRaft) on 127.0.0.1 until Ctrl-C, with the Statecast "
                + "topics created. Any Kafka client can use it."})
final class KafkaCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, defaultValue = "9092",
            description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data here across runs "
                    + "(default: a temporary directory, deleted on exit).")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "" + Topics.DEFAULT_PARTITIONS, paramLabel = "N",
            description = "Partitions of the events and forecasts topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw CliException.usage("--port must be 0..65535, got " + port);
        }
        if (partitions < 1) {
            throw CliException.usage("--partitions must be >= 1, got " + partitions);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal stop = new StopSignal(Duration.ofSeconds(60));
             LocalKafka kafka = start()) {
            List<String> created = kafka.createTopics(TopicNames.DEFAULT, partitions);
            out.println("Kafka broker on " + kafka.bootstrapServers() + " (data in " + kafka.dataDir() + ")");
            for (String topic : TopicNames.DEFAULT.all()) {
                out.println("  topic " + topic + (created.contains(topic) ? " (created)" : " (exists)"));
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            stop.await();
            out.println("stopping the broker");
            out.flush();
        }
        return ExitCodes.OK;
    }

    private LocalKafka start() {
        LocalKafka.Builder builder = LocalKafka.builder().port(port);
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        try {
            return builder.start();
        } catch (RuntimeException e) {
            throw CliException.unavailable("cannot start Kafka on 127.0.0.1:" + port + ": " + rootMessage(e)
                    + (port != 0 ? " (is the port in use? try --port 0)" : ""), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
