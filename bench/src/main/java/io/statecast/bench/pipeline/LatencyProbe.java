package io.statecast.bench.pipeline;

import io.statecast.schemas.Forecast;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the forecasts topic (read_uncommitted) on its own thread and records, per forecast, the wall
 * clock when this consumer got it minus the forecast's last input timestamp, which the paced producer
 * set to the wall clock at send: event handed to the producer → forecast readable by a consumer.
 */
final class LatencyProbe implements Runnable {

    private static final SingleObjectCodec<Forecast> FORECASTS = SingleObjectCodec.of(Forecast.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ToLongFunction<byte[]> lastInputTimestamp;
    private volatile boolean running = true;
    private long[] latencies = new long[1 << 16];
    private long[] arrivals = new long[1 << 16];
    private int count;

    /** @param lastInputTimestamp a record value's last input timestamp (epoch ms) */
    LatencyProbe(String bootstrap, String topic, int partitions, ToLongFunction<byte[]> lastInputTimestamp) {
        this.lastInputTimestamp = lastInputTimestamp;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(i -> new TopicPartition(topic, i)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    @Override
    public void run() {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    record(now, now - lastInputTimestamp.applyAsLong(r.value()));
                }
            }
        }
    }

    /** A Forecast record's last input timestamp. */
    static long forecastLastInput(byte[] value) {
        return FORECASTS.decode(value).getLastInputTimestamp().toEpochMilli();
    }

    private synchronized void record(long arrival, long millis) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
            arrivals = Arrays.copyOf(arrivals, count * 2);
        }
        arrivals[count] = arrival;
        latencies[count++] = millis;
    }

    /**
     * The largest latency in each second of arrival after the first {@code skip} forecasts ("second:ms"):
     * shows whether the tail is periodic (checkpoints, window ends) or scattered (GC, the shared CPU).
     */
    synchronized String worstPerSecond(int skip) {
        if (count <= skip) {
            return "none";
        }
        long start = arrivals[skip];
        long[] worst = new long[(int) ((arrivals[count - 1] - start) / 1000) + 1];
        for (int i = skip; i < count; i++) {
            int second = (int) ((arrivals[i] - start) / 1000);
            worst[second] = Math.max(worst[second], latencies[i]);
        }
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < worst.length; s++) {
            sb.append(s == 0 ? "" : " ").append(s).append(':').append(worst[s]);
        }
        return sb.toString();
    }

    void stop() {
        running = false;
    }

    /** "n forecasts: p50 / p99 / max ms", over the forecasts after the first {@code skip}. */
    synchronized String summary(int skip) {
        if (count <= skip) {
            return "no forecasts after the first " + skip + " (got " + count + ")";
        }
        long[] sorted = Arrays.copyOfRange(latencies, skip, count);
        Arrays.sort(sorted);
        return String.format("%,d forecasts (first %,d skipped): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms",
                sorted.length, skip, at(sorted, 0.5), at(sorted, 0.9), at(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
