package io.statecast.jobs.trainer;

import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.forecast.InitialModel;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.window.Sequence;
import io.statecast.model.scale.ValueTransforms;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.train.HeldOutScore;
import io.statecast.schemas.ModelSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's one global instance (keyed by a constant, parallelism 1): keeps a bounded, checkpointed
 * replay buffer of recent observations per series (a uniform sample of series beyond the cap), and every
 * retrain interval with enough new observations runs a {@link RetrainTask} on its own thread; a finished
 * candidate is published (as snapshot bytes to the models topic) only if it beats the serving model on
 * the same held-out windows. The task thread only polls, so checkpoints never wait for training.
 */
public class RetrainFunction extends KeyedProcessFunction<String, Sequence, KafkaRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainFunction.class);
    private static final long POLL_MILLIS = 500;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final RetrainSettings settings;
    private final byte[] initialModel;

    private transient MapState<String, RecentValues> buffer;
    private transient ValueState<Long> newSamples;
    private transient ValueState<Long> bufferedSeries;
    private transient ValueState<byte[]> serving;
    private transient ValueState<Long> nextRun;
    private transient ExecutorService executor;
    private transient Future<RetrainTask.Outcome> running;
    private transient String largestKey;
    private transient long largestHash;
    private transient Counter runs;
    private transient Counter published;
    private transient Counter rejected;
    private transient Counter skippedSeries;
    private transient CpuPacer pacer;
    private transient volatile long servingVersion;
    private transient volatile long buffered;
    private transient volatile HeldOutScore lastCandidate;
    private transient volatile HeldOutScore lastServing;
    private transient byte[] topicNewest;

    public RetrainFunction(RetrainSettings settings, byte[] initialModel) {
        this.settings = settings;
        this.initialModel = initialModel;
    }

    @Override
    public void open(OpenContext context) {
        buffer = getRuntimeContext().getMapState(new MapStateDescriptor<>("replay-buffer", Types.STRING,
                TypeInformation.of(RecentValues.class)));
        newSamples = getRuntimeContext().getState(new ValueStateDescriptor<>("new-samples", Types.LONG));
        bufferedSeries = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered-series", Types.LONG));
        serving = getRuntimeContext().getState(new ValueStateDescriptor<>("serving-model",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        nextRun = getRuntimeContext().getState(new ValueStateDescriptor<>("next-run", Types.LONG));
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "statecast-retrain");
            t.setDaemon(true);
            return t;
        });
        topicNewest = newestPublished();
        pacer = CpuPacer.forShare(settings.cpuShare());
        var metrics = getRuntimeContext().getMetricGroup();
        runs = metrics.counter("trainingRuns");
        published = metrics.counter("publishedModels");
        rejected = metrics.counter("rejectedCandidates");
        skippedSeries = metrics.counter("untransformableSeries");
        metrics.gauge("publishedVersion", () -> servingVersion);
        metrics.gauge("samplesBuffered", () -> buffered);
        // The last gate's scores on the held-out part, in the series' units (NaN before the first).
        metrics.gauge("lastCandidateMae", () -> lastCandidate == null ? Double.NaN : lastCandidate.mae());
        metrics.gauge("lastServingMae", () -> lastServing == null ? Double.NaN : lastServing.mae());
        metrics.gauge("lastCandidateNll", () -> lastCandidate == null ? Double.NaN : lastCandidate.nll());
        metrics.gauge("lastServingNll", () -> lastServing == null ? Double.NaN : lastServing.nll());
        // Totals over all runs: CPU the retraining thread used, and time it slept to keep to trainer.cpu-share.
        metrics.gauge("retrainCpuMillis", () -> pacer.cpuNanos() / 1_000_000);
        metrics.gauge("retrainPacedMillis", () -> pacer.pacedNanos() / 1_000_000);
    }

    @Override
    public void processElement(Sequence seq, Context ctx, Collector<KafkaRecord> out) throws Exception {
        RecentValues recent = buffer.get(seq.seriesId);
        if (recent == null) {
            if (!admit(seq.seriesId)) {
                return;
            }
            recent = RecentValues.withCapacity(settings.bufferSteps());
        }
        for (int s = 0; s < seq.steps(); s++) {
            recent.add(seq.value(s));
        }
        buffer.put(seq.seriesId, recent);
        newSamples.update(value(newSamples) + seq.steps());
        if (nextRun.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + settings.retrainInterval().toMillis();
            nextRun.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    /**
     * Keeps a uniform sample of the series once the buffer is full: the {@code bufferSeries} series with the
     * smallest hashes of their ids (a bottom-k sample). A series' chance does not depend on how many events
     * it sends, and only an admission that evicts has to look for the largest hash.
     */
    private boolean admit(String series) throws Exception {
        long count = value(bufferedSeries);
        if (count < settings.bufferSeries()) {
            bufferedSeries.update(count + 1);
            return true;
        }
        if (largestKey == null) {
            findLargest();
        }
        if (hash(series) >= largestHash) {
            return false;
        }
        buffer.remove(largestKey);
        largestKey = null;
        return true;
    }

    private void findLargest() throws Exception {
        largestHash = Long.MIN_VALUE;
        for (String key : buffer.keys()) {
            long h = hash(key);
            if (h >= largestHash) {
                largestHash = h;
                largestKey = key;
            }
        }
    }

    /** A stable, well-mixed 64-bit hash of a series id (the same on every restart and machine). */
    static long hash(String series) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(series.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<KafkaRecord> out) throws Exception {
        if (running != null) {
            if (running.isDone()) {
                finish(out);
            }
        } else if (value(newSamples) >= settings.minNewSamples()) {
            start();
        }
        long next = running != null ? time + POLL_MILLIS : time + settings.retrainInterval().toMillis();
        nextRun.update(next);
        ctx.timerService().registerProcessingTimeTimer(next);
    }

    private void start() throws Exception {
        Map<String, double[]> series = new HashMap<>();
        ModelSnapshot current = servingModel();
        int minimum = RetrainTask.minimumLength(settings.windowSteps(), settings.horizon(),
                settings.validationFraction()) + ValueTransforms.lag(current.getScaling().getTransform());
        long total = 0;
        for (Map.Entry<String, RecentValues> e : buffer.entries()) {
            total += e.getValue().size;
            if (e.getValue().size >= minimum) {
                series.put(e.getKey(), e.getValue().toArray());
            }
        }
        buffered = total;
        if (series.isEmpty()) {
            LOG.info("Not retraining yet: no series has the {} observations a training run needs", minimum);
            return;
        }
        runs.inc();
        newSamples.update(0L);
        LOG.info("Retraining from model version {} on {} series ({} observations buffered)", current.getVersion(),
                series.size(), total);
        running = executor.submit(new RetrainTask(series, current, settings.iterations(), settings.learningRate(),
                settings.batchSize(), settings.validationFraction(), pacer));
    }

    private void finish(Collector<KafkaRecord> out) throws Exception {
        Future<RetrainTask.Outcome> done = running;
        running = null;
        RetrainTask.Outcome o;
        try {
            o = done.get();
        } catch (Exception e) {
            LOG.warn("A retraining run failed; the serving model is unchanged", e);
            return;
        }
        if (!o.skipped().isEmpty()) {
            skippedSeries.inc(o.skipped().size());
            var first = o.skipped().entrySet().iterator().next();
            LOG.warn("Retrained without {} series the serving model's transform cannot read (e.g. {}: {})",
                    o.skipped().size(), first.getKey(), first.getValue());
        }
        if (o.candidate() == null) {
            LOG.warn("No retraining run: the serving model's transform can read none of the buffered series");
            return;
        }
        lastCandidate = o.verdict().candidate();
        lastServing = o.verdict().serving();
        if (!o.better()) {
            rejected.inc();
            LOG.info("Candidate version {} not published: {} (candidate {}; serving version {}: {})",
                    o.candidate().getVersion(), o.verdict().reason(), lastCandidate, servingVersion, lastServing);
            return;
        }
        byte[] bytes = o.bytes();
        serving.update(bytes);
        servingVersion = o.candidate().getVersion();
        published.inc();
        LOG.info("Publishing model version {}: {} (candidate {}; serving {}; trained in {} ms)",
                o.candidate().getVersion(), o.verdict().reason(), lastCandidate, lastServing, o.millis());
        out.collect(new KafkaRecord(settings.modelKey().getBytes(StandardCharsets.UTF_8), bytes));
    }

    /**
     * The serving model: the newest of what this job published (restored state), what it started with, and
     * what the models topic holds — the topic wins, so a restart never publishes an existing version again.
     */
    private ModelSnapshot servingModel() throws Exception {
        ModelSnapshot s = ModelSnapshots.fromBytes(serving.value() != null ? serving.value() : initialModel);
        if (topicNewest != null) {
            ModelSnapshot onTopic = ModelSnapshots.fromBytes(topicNewest);
            if (onTopic.getVersion() > s.getVersion()) {
                s = onTopic;
            }
            topicNewest = null;
        }
        serving.update(ModelSnapshots.toBytes(s));
        servingVersion = s.getVersion();
        return s;
    }

    private byte[] newestPublished() {
        Configuration conf = settings.configuration();
        try {
            return InitialModel.newestOnTopic(conf, conf.get(ForecastOptions.MODELS_TOPIC), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the models topic; versions continue from the checkpointed model", e);
            return null;
        }
    }

    private static long value(ValueState<Long> state) throws Exception {
        Long v = state.value();
        return v == null ? 0 : v;
    }

    @Override
    public void close() throws InterruptedException {
        if (executor != null) {
            // The interrupt stops a run at its next iteration (CpuPacer is its cancellation point).
            executor.shutdownNow();
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The retraining thread did not stop within {} s of the job closing", CLOSE_WAIT_SECONDS);
            }
        }
    }
}
