package io.statecast.jobs.window;

import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.ingest.Event;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per series, in event time: buffers events, releases them in timestamp order once the watermark passes
 * the step that hands a chunk on, and cuts consecutive, non-overlapping windows of n steps. Released
 * steps are handed on as {@link Sequence} chunks of their window, about {@code chunkSteps} at a time and
 * the rest when the window completes, so the RNN operator steps a series while its window fills rather
 * than n steps when it completes (which for many aligned series is one burst of work per window, and
 * latency). Staggered windows (the job's default) shift each series' window boundaries by a phase from
 * its id: its first window has between 1 and n steps, so series whose events are aligned in time do not
 * complete their windows — and need their forecasts made, scored and sent — in the same round.
 * Otherwise the chunk boundaries alone are shifted by such a phase. A duplicate timestamp replaces the
 * buffered value (last wins). With a resampling interval, each interval's last event is the step and
 * empty intervals repeat the previous step (forward fill). Late events, duplicates of released steps and
 * events whose input count changed go to the dead-letter side output; nothing throws.
 *
 * <p>A series' whole state is one {@link WindowState} value (one read and one write per event or timer).
 * Idle series are dropped by an event-time timer once the watermark is {@code ttl} past the release of
 * their last step; the timer is re-armed only when it fires, not per event, and no state TTL is used
 * (Flink's heap TTL cleanup walks state on every access).
 */
public class SequenceWindower extends KeyedProcessFunction<String, Event, Sequence> {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceWindower.class);
    /** Longest gap forward fill bridges, in multiples of n; a longer silence restarts the sequence. */
    private static final int MAX_FILL_WINDOWS = 10;

    private final int steps;
    private final int chunkSteps;
    private final boolean stagger;
    private final long resampleMillis;
    private final long ttlMillis;

    private transient ValueState<WindowState> state;
    private transient SingleObjectCodec<TimeSeriesEvent> codec;
    private transient Counter duplicates;
    private transient Counter sequences;
    private transient Counter expired;
    private transient Map<String, Counter> rejections;

    /** A windower that hands on every released step at once (chunks of one step), windows not staggered. */
    public SequenceWindower(int steps, Duration resample, Duration ttl) {
        this(steps, 1, false, resample, ttl);
    }

    /**
     * @param steps n, steps per window (≥ 1)
     * @param chunkSteps released steps are handed on about this many at a time (≥ 1; staggered by series),
     *     and always when a window completes
     * @param stagger whether each series' window boundaries are shifted by a phase from its id
     *     ({@link #firstWindowSteps}); false: its windows start at its first step
     * @param resample interval to resample to, or null to use events as they come
     * @param ttl event time after the release of a series' last step after which its state is dropped
     */
    public SequenceWindower(int steps, int chunkSteps, boolean stagger, Duration resample, Duration ttl) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps per sequence must be >= 1, got " + steps);
        }
        if (chunkSteps < 1) {
            throw new IllegalArgumentException("steps per chunk must be >= 1, got " + chunkSteps);
        }
        if (resample != null && resample.toMillis() < 1) {
            throw new IllegalArgumentException("resample interval must be at least 1 ms, got " + resample);
        }
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("state TTL must be at least 1 ms, got " + ttl);
        }
        this.steps = steps;
        this.chunkSteps = chunkSteps;
        this.stagger = stagger;
        this.resampleMillis = resample == null ? 0 : resample.toMillis();
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("window-state",
                WindowStateSerializer.INSTANCE));
        codec = SingleObjectCodec.of(TimeSeriesEvent.class);
        var metrics = getRuntimeContext().getMetricGroup();
        duplicates = metrics.counter("duplicateTimestamps");
        sequences = metrics.counter("sequences");
        expired = metrics.counter("expiredSeries");
        rejections = new HashMap<>();
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<Sequence> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long bucket = bucketOf(e.timestamp);
        WindowState s = state.value();
        if (e.timestamp <= watermark || (s != null && bucket <= s.lastReleased)) {
            rejectBehind(ctx, e, s, bucket, watermark);
            return;
        }
        if (s == null) {
            s = WindowState.empty(steps, e.inputs.length, firstWindowSteps(e.seriesId));
        } else if (s.inputSize() != e.inputs.length) {
            reject(ctx, e, "input_size_changed", "event has " + e.inputs.length
                    + " inputs (value + covariates) but earlier events of this series had " + s.inputSize());
            return;
        }
        if (s.pending.put(bucket, e.inputs)) {
            duplicates.inc();
        }
        s.lastSeen = Math.max(s.lastSeen, bucket);
        armRelease(ctx, e.seriesId, s);
        if (s.expiryTimer == WindowState.NONE) {
            s.expiryTimer = expiryTime(s);
            ctx.timerService().registerEventTimeTimer(s.expiryTimer);
        }
        state.update(s);
    }

    /** Releases every pending step the watermark passed; drops the series once it expired. */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Sequence> out) throws Exception {
        WindowState s = state.value();
        if (s == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        release(ctx.getCurrentKey(), s, watermark, out);
        if (s.releaseTimer <= watermark) {
            s.releaseTimer = WindowState.NONE;
        }
        armRelease(ctx, ctx.getCurrentKey(), s);
        if (s.expiryTimer <= watermark) {
            long expiry = expiryTime(s);
            if (expiry <= watermark) { // every step is released (expiry is after the last one's release)
                expired.inc();
                state.clear();
                return;
            }
            s.expiryTimer = expiry;
            ctx.timerService().registerEventTimeTimer(expiry);
        }
        state.update(s);
    }

    /**
     * Registers the release timer of the pending step that hands the next chunk on (or completes the
     * window), unless an earlier one is registered: released before it, steps would only wait in the
     * window, at the cost of a timer per event (the windower's costliest work in PipelineBench). The timer
     * releases every step the watermark passed. With resampling, forward fill adds steps between the
     * pending ones, so each pending step gets its timer.
     */
    private void armRelease(Context ctx, String key, WindowState s) {
        int needed = resampleMillis > 0 ? 1 : s.partial.stepsUntilDue(chunkSteps, chunkPhase(key));
        if (s.pending.count < needed) {
            return;
        }
        long due = releaseTime(s.pending.timestamps[needed - 1]);
        if (s.releaseTimer == WindowState.NONE || due < s.releaseTimer) {
            ctx.timerService().registerEventTimeTimer(due);
            s.releaseTimer = due;
        }
    }

    /** Staggered windows already spread the chunk boundaries of aligned series; else a phase from the id. */
    private int chunkPhase(String key) {
        return stagger ? 0 : Math.floorMod(key.hashCode(), chunkSteps);
    }

    private void release(String key, WindowState s, long watermark, Collector<Sequence> out) {
        PendingSteps pending = s.pending;
        int n = 0;
        while (n < pending.count && releaseTime(pending.timestamps[n]) <= watermark) {
            long bucket = pending.timestamps[n];
            if (resampleMillis > 0 && s.lastReleased != WindowState.NONE) {
                forwardFill(key, s, bucket, out);
            }
            emit(s.partial.append(key, bucket, pending.inputs, n * pending.inputSize), out);
            s.lastReleased = bucket;
            n++;
        }
        if (n > 0) {
            pending.removeFirst(n);
            emit(s.partial.handOnDue(key, chunkSteps, chunkPhase(key)), out);
        }
    }

    /** Repeats the last released step for every empty interval before {@code bucket}. */
    private void forwardFill(String key, WindowState s, long bucket, Collector<Sequence> out) {
        PartialSequence p = s.partial;
        long gapSteps = (bucket - s.lastReleased) / resampleMillis - 1;
        if (gapSteps > (long) MAX_FILL_WINDOWS * steps) {
            LOG.warn("series {} was silent for {} intervals; restarting its sequence instead of filling",
                    key, gapSteps);
            p.restart(firstWindowSteps(key));
            return;
        }
        for (long b = s.lastReleased + resampleMillis; b < bucket; b += resampleMillis) {
            emit(p.append(key, b, p.inputs, p.lastStepOffset()), out);
        }
    }

    private void emit(Sequence chunk, Collector<Sequence> out) {
        if (chunk != null) {
            if (chunk.endsWindow) {
                sequences.inc();
            }
            out.collect(chunk);
        }
    }

    /** Steps of a series' first window (and of the window after a restart). */
    private int firstWindowSteps(String seriesId) {
        return stagger ? firstWindowSteps(seriesId, steps) : steps;
    }

    /**
     * Steps of a series' first window when windows of {@code steps} are staggered: {@code steps} less a
     * phase in {@code [0, steps)} from a multiplicative hash of the id (spreads ids that differ in one
     * character, such as numbered sensors, evenly over the phases).
     */
    public static int firstWindowSteps(String seriesId, int steps) {
        long mixed = (seriesId.hashCode() * 0x9E3779B9L) & 0xFFFFFFFFL;
        return steps - (int) ((mixed * steps) >>> 32);
    }

    private long bucketOf(long timestamp) {
        return resampleMillis > 0 ? Math.floorDiv(timestamp, resampleMillis) * resampleMillis : timestamp;
    }

    /** The watermark at which a bucket is complete: its interval's last millisecond. */
    private long releaseTime(long bucket) {
        return bucket + Math.max(resampleMillis, 1) - 1;
    }

    /** When the series expires: {@code ttl} after its last accepted step is released. */
    private long expiryTime(WindowState s) {
        long release = releaseTime(s.lastSeen);
        return release > Long.MAX_VALUE - ttlMillis ? Long.MAX_VALUE : release + ttlMillis;
    }

    private void rejectBehind(Context ctx, Event e, WindowState s, long bucket, long watermark) {
        long last = s == null ? WindowState.NONE : s.lastReleased;
        // A pending step the watermark passed is as final as a released one.
        if (s != null && (s.partial.released(bucket) || s.pending.contains(bucket))) {
            reject(ctx, e, "duplicate_of_released", "a step at " + bucket + " was already released in a"
                    + " sequence; a duplicate timestamp replaces the buffered value only until the watermark"
                    + " passes it (now " + watermark + "); raise max-out-of-orderness if corrections"
                    + " come later");
            return;
        }
        long behind = Math.max(watermark, last) - e.timestamp;
        reject(ctx, e, "late", "late by " + behind + " ms: event time " + e.timestamp
                + " is not after the watermark " + watermark + " / the last released step "
                + (last == WindowState.NONE ? "(none)" : last)
                + "; raise max-out-of-orderness if such delays are normal");
    }

    private void reject(Context ctx, Event e, String category, String reason) {
        rejections.computeIfAbsent(category, c -> getRuntimeContext().getMetricGroup()
                .addGroup("reason", c).counter("deadLetters")).inc();
        ctx.output(DeadLetters.TAG, DeadLetters.of(e, codec, "window", category, reason));
    }
}
