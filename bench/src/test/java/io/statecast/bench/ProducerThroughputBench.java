package io.statecast.bench;

import io.statecast.cli.ProducerSettings;
import io.statecast.cli.StatecastCli;
import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicCreator;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * {@code statecast produce} against Kafka's own {@code ProducerPerformance}, in one run, on one
 * {@link LocalKafka}: same partitions, same producer settings ({@link ProducerSettings}: acks=all,
 * idempotent), Kafka's records as large as our average Avro value. Ours parses a generated CSV,
 * encodes Avro and sends keyed records through the CLI code path; Kafka's sends pre-made random
 * bytes without keys, so it is the ceiling of this broker and client on this machine.
 *
 * <p>Arguments: {@code [events (default 1000000)] [partitions (default 4)] [series (default 100)]
 * [rounds (default 5)]}. Each side runs once on a tenth of the events to warm up, then both are measured
 * alternately, round after round; the median of the per-round ratios is the result (a shared machine
 * is noisy, and alternating exposes both sides to the same noise).
 */
public final class ProducerThroughputBench {

    private static final Pattern OURS = Pattern.compile("sent (\\d+) events .* ([\\d.]+) events/s");
    private static final Pattern KAFKA = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int series = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path dir = Files.createTempDirectory("statecast-producer-bench-");
        Path full = dir.resolve("events.csv");
        Path warmup = dir.resolve("warmup.csv");
        int recordSize = writeCsv(full, events, series);
        writeCsv(warmup, events / 10, series);
        System.out.printf("%d events, %d series, %d partitions, average Avro value %d bytes%n",
                events, series, partitions, recordSize);
        try (LocalKafka kafka = LocalKafka.builder().start()) {
            String bs = kafka.bootstrapServers();
            ours(bs, topic(kafka, "warm.ours", partitions), warmup);
            kafka(bs, topic(kafka, "warm.kafka", partitions), events / 10, recordSize);
            double[] ratios = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                double o = ours(bs, topic(kafka, "ours." + round, partitions), full);
                double k = kafka(bs, topic(kafka, "kafka." + round, partitions), events, recordSize);
                ratios[round - 1] = o / k;
                System.out.printf("round %d: statecast produce %.0f events/s, Kafka ProducerPerformance "
                        + "%.0f records/s, ratio %.1f %%%n", round, o, k, 100 * o / k);
            }
            Arrays.sort(ratios);
            System.out.printf("median ratio over %d rounds: %.1f %%%n", rounds, 100 * ratios[rounds / 2]);
        } finally {
            Files.delete(full);
            Files.delete(warmup);
            Files.delete(dir);
        }
    }

    /** Runs {@code statecast produce} exactly as the CLI does; returns its events/s. */
    private static double ours(String bootstrap, String topic, Path csv) {
        StringWriter err = new StringWriter();
        var cli = StatecastCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("produce", "-b", bootstrap, "-t", topic, "-i", csv.toString());
        if (exit != 0) {
            throw new IllegalStateException("statecast produce failed (" + exit + "): " + err);
        }
        return rate(OURS, err.toString(), "statecast produce");
    }

    /** Runs Kafka's ProducerPerformance with our producer settings; returns its records/s. */
    private static double kafka(String bootstrap, String topic, int records, int recordSize) throws IOException {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", String.valueOf(records),
                "--record-size", String.valueOf(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap));
        for (Map.Entry<String, String> e : ProducerSettings.durableBatched().entrySet()) {
            args.add(e.getKey() + "=" + e.getValue());
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } catch (Exception e) {
            throw new IOException("ProducerPerformance failed: " + e.getMessage(), e);
        } finally {
            System.setOut(stdout);
        }
        return rate(KAFKA, captured.toString(StandardCharsets.UTF_8), "ProducerPerformance");
    }

    private static double rate(Pattern pattern, String output, String tool) {
        Matcher m = pattern.matcher(output);
        double rate = -1;
        while (m.find()) {
            rate = Double.parseDouble(m.group(2)); // the last match is the total
        }
        if (rate < 0) {
            throw new IllegalStateException(tool + " printed no rate: " + output);
        }
        return rate;
    }

    private static String topic(LocalKafka kafka, String name, int partitions) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("bench." + name, partitions, (short) 1))).all().get();
            TopicCreator.awaitServing(admin, List.of("bench." + name), Duration.ofSeconds(30));
        }
        return "bench." + name;
    }

    /** Writes {@code events} rows round-robin over {@code series}; returns the mean Avro value size. */
    private static int writeCsv(Path file, int events, int series) throws IOException {
        SingleObjectCodec<TimeSeriesEvent> codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        SplittableRandom random = new SplittableRandom(42);
        long start = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        long bytes = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("series_id,timestamp,value\n");
            for (int i = 0; i < events; i++) {
                String id = String.format("sensor-%04d", i % series);
                long ts = start + (i / series) * 1000L;
                double value = Math.round(random.nextDouble(-100, 100) * 1000) / 1000.0;
                out.write(id + "," + Instant.ofEpochMilli(ts) + "," + value + "\n");
                if (i < 10_000) {
                    TimeSeriesEvent event =
                            new TimeSeriesEvent(id, Instant.ofEpochMilli(ts), value, List.of(), null);
                    bytes += codec.encode(event).length;
                }
            }
        }
        return (int) Math.round((double) bytes / Math.min(events, 10_000));
    }
}
