package io.statecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicCreator;
import io.statecast.kafka.TopicNames;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The data plane end to end on a real broker: the CLI's produce and tail (through
 * {@link StatecastCli#commandLine()}, exactly as the jar runs them) against {@link LocalKafka}.
 */
class DataPlaneITCase {

    private static final int DEV_ROWS = 7924;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalKafka kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void devDatasetRoundTripsThroughProduceAndTail() throws IOException {
        Path dev = devData();
        TopicNames topics = freshTopics(3);

        Run produce = cli("produce", "-b", kafka.bootstrapServers(), "-t", topics.events(), "-i", dev.toString());
        assertThat(produce.exit).as(produce.err).isZero();
        assertThat(produce.err).contains("sent " + DEV_ROWS + " events to " + topics.events() + " (0 bad lines)");

        Run tail = cli("tail", "-b", kafka.bootstrapServers(), "-t", topics.events(), "--from-beginning",
                "--max", String.valueOf(DEV_ROWS), "--timeout", "30s");
        assertThat(tail.exit).as(tail.err).isZero();
        List<String> lines = tail.out.lines().toList();
        assertThat(lines).hasSize(DEV_ROWS);

        Map<String, Double> read = new HashMap<>();
        Map<String, Long> lastTimestamp = new HashMap<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            String series = node.get("series_id").asText();
            long millis = node.get("timestamp_ms").asLong();
            assertThat(Instant.parse(node.get("timestamp").asText()).toEpochMilli()).isEqualTo(millis);
            assertThat(read.put(series + "@" + millis, node.get("value").asDouble())).as("duplicate").isNull();
            // One series is one key, so one partition: its events come back in file order.
            Long previous = lastTimestamp.put(series, millis);
            assertThat(previous == null || previous < millis).as("order of %s", series).isTrue();
        }
        assertThat(read).isEqualTo(readCsvIndependently(dev));
    }

    @Test
    void badLinesAreReportedWithLineNumbersAndSkipped() throws IOException {
        Path csv = tmp.resolve("mixed.csv");
        Files.writeString(csv, String.join("\n",
                "series_id,timestamp,value",
                "a,2024-01-01T00:00:00Z,1.5",
                "a,2024-01-01T00:01:00Z,NaN",
                "a,2024-01-01T00:02:00Z",
                ",2024-01-01T00:03:00Z,2",
                "a,last tuesday,3",
                "a,1704067440000,4.5",
                "a,2024-01-01T00:05:00Z,1e999") + "\n");
        TopicNames topics = freshTopics(1);

        Run run = cli("produce", "-b", kafka.bootstrapServers(), "-t", topics.events(), "-i", csv.toString());
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.err).contains("line 3: value is not finite: NaN", "line 4: expected 3 columns",
                "line 5: series_id is empty", "line 6: timestamp is neither ISO-8601",
                "line 8: value is not finite: Infinity", "sent 2 events to " + topics.events() + " (5 bad lines)");

        Run strict = cli("produce", "-b", kafka.bootstrapServers(), "-t", topics.events(), "-i", csv.toString(),
                "--strict");
        assertThat(strict.exit).isEqualTo(ExitCodes.DATA);
        assertThat(strict.err.strip()).contains("line 3: value is not finite: NaN", "--strict")
                .doesNotContain("line 4").doesNotContain("\tat ");

        Run tail = cli("tail", "-b", kafka.bootstrapServers(), "-t", topics.events(), "--from-beginning",
                "--timeout", "5s");
        // Two good events from each run: the strict run sent its first line before stopping.
        assertThat(tail.out.lines().map(l -> l.replaceAll(".*\"value\":([^,]*),.*", "$1")))
                .containsExactly("1.5", "4.5", "1.5");
    }

    @Test
    void tailReportsUndecodableRecordsAndCarriesOn() throws Exception {
        String topic = "bad-bytes-" + UUID.randomUUID();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            TopicCreator.awaitServing(admin, List.of(topic), Duration.ofSeconds(30));
        }
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        byte[] good = codec.encode(new TimeSeriesEvent("s", Instant.ofEpochMilli(1000), 2.5, List.of(), null));
        byte[] wrongFingerprint = good.clone();
        wrongFingerprint[5] ^= 0x5A;
        List<byte[]> values = List.of("not avro at all".getBytes(StandardCharsets.UTF_8), wrongFingerprint,
                Arrays.copyOf(good, good.length - 3), Arrays.copyOf(good, 6), good);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }

        Run tail = cli("tail", "-b", kafka.bootstrapServers(), "-t", topic, "--from-beginning", "--max", "1",
                "--timeout", "30s");
        assertThat(tail.exit).as(tail.err).isZero();
        assertThat(tail.out.lines().toList()).singleElement().satisfies(line ->
                assertThat(JSON.readTree(line).get("value").asDouble()).isEqualTo(2.5));
        assertThat(tail.err).contains("partition 0 offset 0: BAD_MARKER", "partition 0 offset 1: UNKNOWN_SCHEMA",
                "partition 0 offset 2: TRUNCATED", "partition 0 offset 3: TRUNCATED",
                "printed 1 records from " + topic + ", 4 undecodable");
    }

    @Test
    void unreachableBrokerFailsFastNamingTheAddress() throws IOException {
        String address = "127.0.0.1:" + freePort();
        long start = System.nanoTime();
        Run produce = cli("produce", "-b", address, "-t", "x", "-i", devData().toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(produce.exit).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(produce.err).contains("cannot reach a Kafka broker at " + address).doesNotContain("\tat ");
        assertThat(produce.err.lines()).hasSize(1);
        assertThat(seconds).isLessThan(15);

        Run tail = cli("tail", "-b", address, "-t", "x", "--connect-timeout", "2s");
        assertThat(tail.exit).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(tail.err).contains(address);
    }

    private record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = StatecastCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static TopicNames freshTopics(int partitions) {
        TopicNames names = TopicNames.withSuffix(UUID.randomUUID().toString());
        kafka.createTopics(names, partitions);
        return names;
    }

    private static Path devData() {
        String configured = System.getProperty("statecast.devData", "../../shared/data/r-datasets-dev.csv");
        Path path = Path.of(configured).toAbsolutePath().normalize();
        assertThat(path).as("the dev data set is missing: clone the shared data beside the repository so "
                + "that ../shared/data/r-datasets-dev.csv exists (looked for %s)", path).isRegularFile();
        return path;
    }

    /** The expected values, read with a plain split (not the code under test). */
    private static Map<String, Double> readCsvIndependently(Path csv) throws IOException {
        Map<String, Double> expected = new HashMap<>();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("series_id,timestamp,value");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            expected.put(f[0] + "@" + Instant.parse(f[1]).toEpochMilli(), Double.parseDouble(f[2]));
        }
        assertThat(expected).hasSize(DEV_ROWS);
        return expected;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
