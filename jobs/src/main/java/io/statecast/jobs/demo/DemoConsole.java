package io.statecast.jobs.demo;

import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The demo's live console: reads the forecasts topic as any consumer would (read_committed) and prints,
 * every interval, events/s, forecasts/s, event→forecast latency (p50/p99, from when the window's last
 * event was sent to when its forecast became readable), and the online MAE of the model against the
 * naive forecast (the last value), per model version, with a few sample forecasts.
 */
final class DemoConsole implements Runnable {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(2);
    private static final int SAMPLE_EVERY_REPORTS = 5;

    private final String bootstrap;
    private final String topic;
    private final Map<String, double[]> live;
    private final DemoGenerator generator;
    private final PrintStream out;
    private final Map<Long, double[]> maeByVersion = new TreeMap<>();
    private final List<Long> latenciesMs = new ArrayList<>();
    private final List<Forecast> recent = new ArrayList<>();
    private volatile boolean stopped;
    /** Written by the console's thread only; the demo watches it to see the last forecasts arrive. */
    private volatile long forecasts;

    DemoConsole(String bootstrap, String topic, Map<String, double[]> live, DemoGenerator generator,
            PrintStream out) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.live = live;
        this.generator = generator;
        this.out = out;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "statecast-demo-console-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        SingleObjectCodec<Forecast> codec = SingleObjectCodec.of(Forecast.class);
        long start = System.nanoTime();
        long lastReport = start;
        long lastEvents = 0;
        long lastForecasts = 0;
        int reports = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    absorb(codec.decode(r.value()), System.nanoTime());
                }
                long now = System.nanoTime();
                if (now - lastReport >= REPORT_EVERY.toNanos()) {
                    double seconds = (now - lastReport) / 1e9;
                    long events = generator.eventsSent();
                    report((now - start) / 1e9, (events - lastEvents) / seconds, (forecasts - lastForecasts) / seconds,
                            ++reports % SAMPLE_EVERY_REPORTS == 0);
                    lastReport = now;
                    lastEvents = events;
                    lastForecasts = forecasts;
                }
            }
        }
    }

    private void absorb(Forecast f, long receivedNanos) {
        forecasts++;
        int tick = generator.tickOf(f.getLastInputTimestamp().toEpochMilli());
        long sentAt = generator.sentAt(tick);
        if (sentAt > 0) {
            latenciesMs.add((receivedNanos - sentAt) / 1_000_000);
        }
        double[] values = live.get(f.getSeriesId());
        if (values != null && tick + 1 < values.length) {
            double[] mae = maeByVersion.computeIfAbsent(f.getModelVersion(), v -> new double[3]);
            mae[0] += Math.abs(values[tick + 1] - f.getPoints().get(0).getMean());
            mae[1] += Math.abs(values[tick + 1] - values[tick]);
            mae[2]++;
        }
        if (recent.size() >= 3) {
            recent.remove(0);
        }
        recent.add(f);
    }

    private void report(double elapsed, double eventsPerSecond, double forecastsPerSecond, boolean samples) {
        StringBuilder line = new StringBuilder(String.format("[%5.0fs] events %,7.0f/s  forecasts %,6.0f/s",
                elapsed, eventsPerSecond, forecastsPerSecond));
        if (!latenciesMs.isEmpty()) {
            Collections.sort(latenciesMs);
            line.append(String.format("  event->forecast p50 %,d ms p99 %,d ms", percentile(0.50),
                    percentile(0.99)));
            latenciesMs.clear();
        }
        maeByVersion.forEach((version, mae) -> line.append(String.format(
                "  MAE v%d %.4g vs naive %.4g (%,.0f scored)", version, mae[0] / mae[2], mae[1] / mae[2], mae[2])));
        out.println(line);
        if (samples) {
            for (Forecast f : recent) {
                out.println("         " + describe(f));
            }
        }
    }

    private String describe(Forecast f) {
        ForecastPoint p = f.getPoints().get(0);
        double[] values = live.get(f.getSeriesId());
        int tick = generator.tickOf(f.getLastInputTimestamp().toEpochMilli());
        String actual = values != null && tick + 1 < values.length ? String.format("%.4g", values[tick + 1]) : "?";
        String interval = p.getLower80() == null ? ""
                : String.format(" (80%% %.4g..%.4g)", p.getLower80(), p.getUpper80());
        return String.format("%s after step %d: next %.4g%s, actual %s%s", f.getSeriesId(), tick, p.getMean(),
                interval, actual, f.getColdStart() ? " [cold]" : "");
    }

    private long percentile(double q) {
        return latenciesMs.get(Math.min(latenciesMs.size() - 1, (int) Math.floor(q * latenciesMs.size())));
    }

    /** MAE per model version so far: [model, naive, count]. */
    Map<Long, double[]> mae() {
        return maeByVersion;
    }

    long forecasts() {
        return forecasts;
    }

    void stop() {
        stopped = true;
    }
}
