package io.statecast.jobs.forecast;

import io.statecast.jobs.io.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Failure injection through the dead-letter path. The first time a dead letter keyed
 * {@code poison-…} reaches this sink, its task holds until the test {@link #release}s it and then
 * throws. While it holds no checkpoint can complete, so every forecast made meanwhile is provably
 * written but uncommitted when the job fails. Replayed after the restore, the same poison passes.
 * Other dead letters are dropped: the failure test sends no other bad input.
 *
 * <p>The state is static because the MiniCluster runs in this JVM and every restart deserializes a
 * fresh sink; acceptable for failure injection only. Call {@link #reset} before a test.
 */
final class PoisonedDeadLetterSink implements Sink<KafkaRecord> {

    static final String POISON_PREFIX = "poison-";
    private static final long HOLD_LIMIT_SECONDS = 60;
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();
    private static final Map<String, CountDownLatch> RELEASES = new ConcurrentHashMap<>();
    private static final AtomicInteger THROWN = new AtomicInteger();

    static void reset() {
        HELD.clear();
        RELEASES.clear();
        THROWN.set(0);
    }

    /** Whether a task holds (or has held) on this poison. */
    static boolean reached(String poison) {
        return HELD.contains(poison);
    }

    /** Lets the task holding on {@code poison} throw. */
    static void release(String poison) {
        latch(poison).countDown();
    }

    /** Failures thrown so far. */
    static int thrown() {
        return THROWN.get();
    }

    private static CountDownLatch latch(String poison) {
        return RELEASES.computeIfAbsent(poison, p -> new CountDownLatch(1));
    }

    @Override
    public SinkWriter<KafkaRecord> createWriter(WriterInitContext context) {
        return new Writer();
    }

    private static final class Writer implements SinkWriter<KafkaRecord> {
        @Override
        public void write(KafkaRecord record, Context context) throws InterruptedException {
            String key = new String(record.key, StandardCharsets.UTF_8);
            if (!key.startsWith(POISON_PREFIX) || !HELD.add(key)) {
                return;
            }
            if (!latch(key).await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released " + key);
            }
            THROWN.incrementAndGet();
            throw new InjectedFailure("injected failure at dead letter " + key);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }

    /** Thrown on purpose; its name says so in the job's logs. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }
}
