package io.statecast.jobs.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Events go on; rejections go to the dead-letter side output, counted per reason and logged (sampled). */
public class SplitRejected extends ProcessFunction<Ingested, Event> {

    private static final Logger LOG = LoggerFactory.getLogger(SplitRejected.class);
    private static final long LOG_EVERY = 1000;

    private transient Map<String, Counter> counters;
    private transient long rejected;

    @Override
    public void open(OpenContext context) {
        counters = new HashMap<>();
    }

    @Override
    public void processElement(Ingested in, Context ctx, Collector<Event> out) {
        if (in.event != null) {
            out.collect(in.event);
            return;
        }
        Rejected r = in.rejected;
        counters.computeIfAbsent(r.category, c -> getRuntimeContext().getMetricGroup()
                .addGroup("reason", c).counter("deadLetters")).inc();
        if (rejected++ % LOG_EVERY == 0) {
            LOG.warn("Dead-lettering input ({} so far): {}", rejected, r);
        }
        ctx.output(DeadLetters.TAG, r);
    }
}
