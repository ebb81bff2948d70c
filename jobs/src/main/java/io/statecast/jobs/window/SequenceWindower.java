package io.statecast.jobs.window;

import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.ingest.Event;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per series, in event time: buffers events, releases them in timestamp order as the watermark passes,
 * and cuts consecutive, non-overlapping {@link Sequence}s of exactly n steps. A duplicate timestamp
 * replaces the buffered value (last wins). With a resampling interval, each interval's last event is the
 * step and empty intervals repeat the previous step (forward fill). Late events and events whose input
 * count changed go to the dead-letter side output; nothing throws.
 */
public class SequenceWindower extends KeyedProcessFunction<String, Event, Sequence> {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceWindower.class);
    /** Longest gap forward fill bridges, in multiples of n; a longer silence restarts the sequence. */
    private static final int MAX_FILL_WINDOWS = 10;

    private final int steps;
    private final long resampleMillis;
    private final Duration ttl;

    private transient MapState<Long, double[]> pending;
    private transient ValueState<Long> released;
    private transient ValueState<double[]> lastStep;
    private transient ValueState<PartialSequence> partial;
    private transient SingleObjectCodec<TimeSeriesEvent> codec;
    private transient Counter duplicates;
    private transient Counter sequences;
    private transient Map<String, Counter> rejections;

    /**
     * @param steps n, steps per sequence (≥ 1)
     * @param resample interval to resample to, or null to use events as they come
     * @param ttl idle time after which a series' state is dropped
     */
    public SequenceWindower(int steps, Duration resample, Duration ttl) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps per sequence must be >= 1, got " + steps);
        }
        if (resample != null && resample.toMillis() < 1) {
            throw new IllegalArgumentException("resample interval must be at least 1 ms, got " + resample);
        }
        this.steps = steps;
        this.resampleMillis = resample == null ? 0 : resample.toMillis();
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        StateTtlConfig ttlConfig = StateTtlConfig.newBuilder(ttl).build();
        MapStateDescriptor<Long, double[]> pendingDesc = new MapStateDescriptor<>("pending", Types.LONG,
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);
        ValueStateDescriptor<Long> releasedDesc = new ValueStateDescriptor<>("released", Types.LONG);
        ValueStateDescriptor<double[]> lastDesc = new ValueStateDescriptor<>("last-step",
                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);
        ValueStateDescriptor<PartialSequence> partialDesc = new ValueStateDescriptor<>("partial",
                TypeInformation.of(PartialSequence.class));
        for (var d : java.util.List.of(pendingDesc, releasedDesc, lastDesc, partialDesc)) {
            d.enableTimeToLive(ttlConfig);
        }
        pending = getRuntimeContext().getMapState(pendingDesc);
        released = getRuntimeContext().getState(releasedDesc);
        lastStep = getRuntimeContext().getState(lastDesc);
        partial = getRuntimeContext().getState(partialDesc);
        codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateTimestamps");
        sequences = getRuntimeContext().getMetricGroup().counter("sequences");
        rejections = new HashMap<>();
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Sequence> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long bucket = bucketOf(e.timestamp);
        Long last = released.value();
        if (e.timestamp <= watermark || (last != null && bucket <= last)) {
            long behind = Math.max(watermark, last == null ? Long.MIN_VALUE : last) - e.timestamp;
            reject(ctx, e, "late", "late by " + behind + " ms: event time " + e.timestamp
                    + " is not after the watermark " + watermark + " / the last released step " + last
                    + "; raise max-out-of-orderness if such delays are normal");
            return;
        }
        PartialSequence p = partial.value();
        if (p != null && p.inputSize != e.inputs.length) {
            reject(ctx, e, "input_size_changed", "event has " + e.inputs.length
                    + " inputs (value + covariates) but earlier events of this series had " + p.inputSize);
            return;
        }
        if (pending.contains(bucket)) {
            duplicates.inc();
        } else {
            ctx.timerService().registerEventTimeTimer(bucket + Math.max(resampleMillis, 1) - 1);
        }
        pending.put(bucket, e.inputs);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Sequence> out) throws Exception {
        long bucket = time - Math.max(resampleMillis, 1) + 1;
        double[] step = pending.get(bucket);
        pending.remove(bucket);
        if (step == null) {
            return;
        }
        PartialSequence p = partial.value();
        if (p == null) {
            p = PartialSequence.empty(steps, step.length);
        }
        Long last = released.value();
        if (resampleMillis > 0 && last != null) {
            p = forwardFill(ctx.getCurrentKey(), last, bucket, p, out);
        }
        emit(p.append(ctx.getCurrentKey(), bucket, step), out);
        partial.update(p);
        released.update(bucket);
        if (resampleMillis > 0) {
            lastStep.update(step);
        }
    }

    private PartialSequence forwardFill(String key, long last, long bucket, PartialSequence p,
            Collector<Sequence> out) throws Exception {
        long gapSteps = (bucket - last) / resampleMillis - 1;
        if (gapSteps > (long) MAX_FILL_WINDOWS * steps) {
            LOG.warn("series {} was silent for {} intervals; restarting its sequence instead of filling", key, gapSteps);
            return PartialSequence.empty(steps, p.inputSize);
        }
        double[] fill = lastStep.value();
        for (long b = last + resampleMillis; b < bucket; b += resampleMillis) {
            emit(p.append(key, b, fill), out);
        }
        return p;
    }

    private void emit(Sequence done, Collector<Sequence> out) {
        if (done != null) {
            sequences.inc();
            out.collect(done);
        }
    }

    private long bucketOf(long timestamp) {
        return resampleMillis > 0 ? Math.floorDiv(timestamp, resampleMillis) * resampleMillis : timestamp;
    }

    private void reject(Context ctx, Event e, String category, String reason) {
        rejections.computeIfAbsent(category, c -> getRuntimeContext().getMetricGroup()
                .addGroup("reason", c).counter("deadLetters")).inc();
        ctx.output(DeadLetters.TAG, DeadLetters.of(e, codec, "window", category, reason));
    }
}
