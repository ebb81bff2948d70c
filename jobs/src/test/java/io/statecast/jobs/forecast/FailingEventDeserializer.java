package io.statecast.jobs.forecast;

import io.statecast.jobs.ingest.EventDeserializer;
import io.statecast.jobs.ingest.Ingested;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Failure injection: the job's {@link EventDeserializer}, except that it throws, once each, when it
 * meets the given event times of one series, in order. After the k-th failure the job restores from
 * its last checkpoint, reads that event again and goes on to the (k+1)-th failure point.
 */
final class FailingEventDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    /**
     * Failures thrown so far. Static because every restart deserializes fresh instances and the
     * MiniCluster runs in this JVM; acceptable for failure injection only. Reset with {@link #reset}.
     */
    private static final AtomicInteger INJECTED = new AtomicInteger();

    private final EventDeserializer delegate = new EventDeserializer();
    private final String series;
    private final long[] failAt;
    private transient List<Ingested> decoded;

    FailingEventDeserializer(String series, long... failAt) {
        this.series = series;
        this.failAt = failAt.clone();
    }

    static void reset() {
        INJECTED.set(0);
    }

    static int injected() {
        return INJECTED.get();
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        delegate.open(context);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) throws java.io.IOException {
        if (decoded == null) {
            decoded = new ArrayList<>(1);
        }
        decoded.clear();
        delegate.deserialize(record, new ListCollector<>(decoded));
        for (Ingested in : decoded) {
            int k = INJECTED.get();
            if (in.event != null && k < failAt.length && in.event.seriesId.equals(series)
                    && in.event.timestamp == failAt[k] && INJECTED.compareAndSet(k, k + 1)) {
                throw new InjectedFailure("injected failure " + (k + 1) + " of " + failAt.length + " at "
                        + series + "@" + failAt[k] + " (offset " + record.offset() + ")");
            }
            out.collect(in);
        }
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return delegate.getProducedType();
    }

    /** Thrown on purpose; its name says so in the job's logs. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }
}
