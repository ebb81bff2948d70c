package io.statecast.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statecast.cli.output.AvroJson;
import io.statecast.cli.output.RecordKind;
import io.statecast.schemas.codec.CodecException;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code statecast tail}: a topic's Avro records as JSON lines on stdout. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print a topic's records as JSON lines on stdout (read_committed; no consumer group, "
                + "nothing committed).",
                "Timestamps appear as ISO-8601 strings plus a <field>_ms twin in epoch milliseconds.",
                "A record that does not decode is reported on stderr with partition, offset and problem."})
final class TailCommand implements Callable<Integer> {

    private static final ObjectWriter JSON = new ObjectMapper().writer();
    private static final int MAX_PROBLEM_CHARS = 300;

    @Mixin
    BrokerOptions broker;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic to read.")
    String topic;

    @Option(names = "--type", defaultValue = "event",
            description = "Record type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    RecordKind type;

    @Option(names = "--from-beginning", description = "Start at the earliest record (default: only new ones).")
    boolean fromBeginning;

    @Option(names = {"-n", "--max"}, paramLabel = "N", description = "Stop after printing N records.")
    Long max;

    @Option(names = "--timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Stop after this long, e.g. 30s (default: run until Ctrl-C or --max).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (max != null && max < 1) {
            throw CliException.usage("--max must be >= 1, got " + max);
        }
        broker.requireTopic(topic);
        SingleObjectCodec<? extends SpecificRecord> codec = type.codec();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        long printed = 0;
        long undecodable = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            assignAll(consumer);
            while ((max == null || printed < max) && System.nanoTime() < deadline) {
                long waitMs = Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000));
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(waitMs))) {
                    if (max != null && printed >= max) {
                        break;
                    }
                    try {
                        out.println(JSON.writeValueAsString(AvroJson.toJson(codec.decode(record.value()))));
                        printed++;
                    } catch (CodecException e) {
                        undecodable++;
                        err.println("undecodable record at partition " + record.partition() + " offset "
                                + record.offset() + ": " + abbreviate(e.getMessage()));
                    }
                }
                out.flush();
            }
        } catch (KafkaException e) {
            throw broker.unreachable(e);
        }
        err.println("printed " + printed + " records from " + topic + ", " + undecodable + " undecodable");
        err.flush();
        return ExitCodes.OK;
    }

    /** Keeps a report to one readable line (an incompatible-schema message holds both schemas). */
    private static String abbreviate(String message) {
        return message.length() <= MAX_PROBLEM_CHARS ? message : message.substring(0, MAX_PROBLEM_CHARS) + "...";
    }

    private Properties consumerProperties() {
        Properties p = broker.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    /** All partitions, no group: tail never moves anyone's committed offsets. */
    private void assignAll(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        // Resolve positions now, so records produced after this point are not skipped by a lazy seek.
        partitions.forEach(consumer::position);
    }
}
