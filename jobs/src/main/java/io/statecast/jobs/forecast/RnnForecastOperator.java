package io.statecast.jobs.forecast;

import io.statecast.jobs.ingest.DeadLetters;
import io.statecast.jobs.ingest.Rejected;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.io.ModelUpdate;
import io.statecast.jobs.window.Sequence;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * The keyed batched RNN operator. Input 1: released steps as {@link Sequence} chunks of their windows,
 * keyed by series; input 2: model snapshots, broadcast. Chunks of many keys are bundled in memory; a
 * flush (bundle full, latency budget passed, watermark, before every checkpoint barrier, at end of
 * input) runs the whole bundle through the model with one batched tensor step per time step
 * ({@link BundleRunner}), carrying each series' recurrent state through its window as the steps come,
 * and emits one encoded {@link Forecast} per completed window. New models are validated on arrival and
 * swapped in between bundles; the serving model is kept in operator state so a restore serves the same
 * version. A series' window progress and state are kept in a {@link CachedSeriesStore} over keyed state
 * (changed in place on the heap backend, written as they change on others); a series' state is dropped
 * once the watermark is the state TTL past its last step (event-time timers). Optionally every scored
 * forecast point goes to the {@link #SCORES} side output.
 */
public class RnnForecastOperator extends AbstractStreamOperator<KafkaRecord>
        implements TwoInputStreamOperator<Sequence, ModelUpdate, KafkaRecord>,
                Triggerable<String, VoidNamespace> {

    /** Encoded ForecastScore records, keyed by series id (only when scores are emitted). */
    public static final OutputTag<KafkaRecord> SCORES = new OutputTag<>("scores") {};

    private final ForecastSettings settings;
    private final byte[] initialModel;
    private final boolean emitScores;

    /** The series' state and window in progress, kept by the CachedSeriesStore. */
    private transient ValueState<LiveSeriesState> seriesState;
    private transient ValueState<WindowProgress> windowProgress;
    private transient CachedSeriesStore store;
    private transient ListState<byte[]> servingModelState;
    private transient ServingModel model;
    private transient ServingModel pendingModel;
    private transient BundleRunner runner;
    private transient Bundle<CachedSeriesStore.Slot> bundle;
    /** The round being run: series and their chunks, refilled per round. */
    private transient List<CachedSeriesStore.Slot> roundSeries;
    private transient List<Sequence> roundChunks;
    private transient ScheduledFuture<?> latencyTimer;
    private transient InternalTimerService<VoidNamespace> expiryTimers;
    private transient Counter modelsRejected;
    private transient Counter expiredSeries;
    private transient Counter stepsIn;
    private transient Histogram bundleSizes;

    public RnnForecastOperator(ForecastSettings settings, byte[] initialModel) {
        this(settings, initialModel, false);
    }

    /** @param emitScores whether each scored forecast point is also emitted to {@link #SCORES} */
    public RnnForecastOperator(ForecastSettings settings, byte[] initialModel, boolean emitScores) {
        this.settings = settings;
        this.initialModel = initialModel;
        this.emitScores = emitScores;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        // Before any model array exists: ND4J allocates on the device bound to this (the task) thread.
        GpuAssignment.bind(getRuntimeContext().getExternalResourceInfos(GpuAssignment.RESOURCE),
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), LOG);
        servingModelState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("serving-model", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        ServingModel restored = null;
        for (byte[] bytes : servingModelState.get()) {
            ServingModel candidate = ServingModel.fromBytes(bytes);
            if (restored == null || candidate.version() > restored.version()) {
                restored = candidate;
            }
        }
        model = restored != null ? restored : ServingModel.fromBytes(initialModel);
        settings.checkServable(model);
    }

    @Override
    public void open() throws Exception {
        super.open();
        // Snapshots hold the Avro SeriesState (single-object encoding) and WindowProgressSerializer's frame.
        seriesState = getRuntimeContext().getState(new ValueStateDescriptor<>("series-state",
                LiveSeriesStateSerializer.INSTANCE));
        windowProgress = getRuntimeContext().getState(new ValueStateDescriptor<>("window-progress",
                WindowProgressSerializer.INSTANCE));
        store = new CachedSeriesStore(
                new FlinkSeriesState(getKeyedStateBackend() instanceof HeapKeyedStateBackend));
        // Idle series expire by event-time timers, as in the windower: no state TTL, whose heap cleanup
        // walks state entries on every access (~12 % of this operator's CPU in PipelineBench).
        expiryTimers = getInternalTimerService("series-expiry", VoidNamespaceSerializer.INSTANCE, this);
        var metrics = getMetricGroup();
        modelsRejected = metrics.counter("modelsRejected");
        expiredSeries = metrics.counter("expiredSeries");
        stepsIn = metrics.counter("stepsIn");
        bundleSizes = metrics.histogram("bundleSize", new DescriptiveStatisticsHistogram(1000));
        metrics.gauge("modelVersion", () -> model.version());
        runner = new BundleRunner(settings, SingleObjectCodec.of(Forecast.class),
                new OnlineScorer(metrics, emitScores ? this::emitScore : null), metrics);
        runner.serve(model);
        bundle = new Bundle<>();
        roundSeries = new ArrayList<>();
        roundChunks = new ArrayList<>();
        latencyTimer = null;
    }

    @Override
    public void processElement1(StreamRecord<Sequence> element) throws Exception {
        stepsIn.inc(element.getValue().steps());
        long now = getProcessingTimeService().getCurrentProcessingTime();
        Sequence chunk = element.getValue();
        bundle.add(store.series(chunk.seriesId), chunk, now);
        if (bundle.size() >= settings.bundleMaxSize()) {
            flush();
        } else if (latencyTimer == null) {
            latencyTimer = getProcessingTimeService().registerTimer(
                    now + settings.bundleMaxLatency().toMillis(), time -> flush());
        }
    }

    @Override
    public void processElement2(StreamRecord<ModelUpdate> element) throws Exception {
        ModelUpdate update = element.getValue();
        ServingModel candidate;
        try {
            candidate = ServingModel.fromBytes(update.snapshot);
            settings.checkServable(candidate);
        } catch (IllegalArgumentException e) {
            modelsRejected.inc();
            LOG.warn("Rejected model snapshot from {}: {}; still serving version {}", update.origin,
                    e.getMessage(), model.version());
            return;
        }
        long newest = pendingModel != null ? pendingModel.version() : model.version();
        if (candidate.version() <= newest) {
            LOG.info("Ignoring model version {} from {}: version {} is newer or the same", candidate.version(),
                    update.origin, newest);
            return;
        }
        pendingModel = candidate;
        if (bundle.isEmpty()) {
            swapIfPending();
        }
    }

    private void swapIfPending() {
        if (pendingModel != null) {
            LOG.info("Swapping model version {} for version {} ({} policy)", model.version(),
                    pendingModel.version(), settings.swapPolicy());
            model = pendingModel;
            pendingModel = null;
            runner.serve(model);
        }
    }

    /**
     * The watermark after which a series whose last step is at {@code last} counts as idle: {@code ttl}
     * later, rounded up to an eighth of the TTL so a busy series holds at most nine timers.
     */
    static long expiryDeadline(long last, long ttl) {
        long granule = Math.max(1, ttl / 8);
        long due = last > Long.MAX_VALUE - ttl - granule ? Long.MAX_VALUE - granule : last + ttl;
        return Math.floorDiv(due + granule - 1, granule) * granule;
    }

    /** A series' expiry timer: drops its state if no step newer than {@code ttl} before arrived. */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        WindowProgress progress = store.series(timer.getKey()).progress();
        if (progress == null || progress.lastStep <= timer.getTimestamp() - settings.stateTtl().toMillis()) {
            store.forget(timer.getKey());
            seriesState.clear();
            windowProgress.clear();
            expiredSeries.inc();
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    /** Runs every waiting sequence through the model and emits its forecast. */
    private void flush() throws Exception {
        swapIfPending();
        if (bundle.isEmpty()) {
            return;
        }
        if (latencyTimer != null) {
            latencyTimer.cancel(false);
            latencyTimer = null;
        }
        while (!bundle.isEmpty()) {
            bundle.nextRound(runner.capacity(), roundSeries, roundChunks);
            bundleSizes.update(roundChunks.size());
            runner.run(roundSeries, roundChunks, this::emit, this::reject);
        }
    }

    /** This operator's keyed state of a series: selects the key, then reads or writes. */
    private final class FlinkSeriesState implements CachedSeriesStore.KeyedSeriesState {
        /** Only the heap backend itself: one wrapped in the changelog backend must log every write. */
        private final boolean heap;

        FlinkSeriesState(boolean heap) {
            this.heap = heap;
        }

        @Override
        public WindowProgress progress(String key) throws Exception {
            setCurrentKey(key);
            return windowProgress.value();
        }

        @Override
        public void setProgress(String key, WindowProgress progress) throws Exception {
            setCurrentKey(key);
            windowProgress.update(progress);
        }

        @Override
        public LiveSeriesState state(String key) throws Exception {
            setCurrentKey(key);
            return seriesState.value();
        }

        @Override
        public void setState(String key, LiveSeriesState state) throws Exception {
            setCurrentKey(key);
            seriesState.update(state);
        }

        @Override
        public boolean holdsObjects() {
            return heap;
        }

        /**
         * Arms the series' idle expiry once per expiry granule of event time, not per chunk: timer
         * registration (a deduplicating heap set) was the operator's costliest per-chunk call.
         */
        @Override
        public void progressed(String key, WindowProgress progress) throws Exception {
            long due = expiryDeadline(progress.lastStep, settings.stateTtl().toMillis());
            if (due > progress.expiryTimer) {
                setCurrentKey(key);
                expiryTimers.registerEventTimeTimer(VoidNamespace.INSTANCE, due);
                progress.expiryTimer = due;
            }
        }
    }

    private void emit(String key, byte[] forecast) {
        output.collect(new StreamRecord<>(new KafkaRecord(key.getBytes(StandardCharsets.UTF_8), forecast)));
    }

    private void emitScore(byte[] key, byte[] score) {
        output.collect(SCORES, new StreamRecord<>(new KafkaRecord(key, score)));
    }

    private void reject(Rejected r) {
        output.collect(DeadLetters.TAG, new StreamRecord<>(r));
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        flush();
        processWatermark(mark);
    }

    /** Model updates carry no event time: only the sequences' watermark counts. */
    @Override
    public void processWatermark2(Watermark mark) {}

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int index) throws Exception {
        if (index == 0) {
            output.emitWatermarkStatus(status);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        store.writeBack();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        // prepareSnapshotPreBarrier flushed and so swapped in any pending model.
        List<byte[]> serving = new ArrayList<>(1);
        serving.add(model.bytes());
        servingModelState.update(serving);
    }

    @Override
    public void finish() throws Exception {
        flush();
        store.writeBack();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        if (runner != null) {
            runner.close();
        }
        super.close();
    }
}
