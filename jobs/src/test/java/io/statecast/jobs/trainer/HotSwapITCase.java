package io.statecast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.demo.SyntheticSeries;
import io.statecast.jobs.forecast.ForecastIo;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.testing.KafkaTestIo;
import io.statecast.jobs.testing.TestJobOptions;
import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicNames;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.IsolationLevel;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The forecast job serving a barely trained v1 and the trainer on the same events: the trainer publishes v2,
 * the forecasts switch to v2 without a restart, and v2's online error is lower than v1's.
 */
@Timeout(300)
class HotSwapITCase {

    static final int N = 5;
    static final int SERIES = 6;
    static final int MAX_TICKS = 6_000;
    static final long START = 1_000_000L;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4)
                    .build());

    @Test
    void theTrainersBetterModelIsSwappedInLive() throws Exception {
        try (LocalKafka kafka = LocalKafka.builder().start();
             KafkaTestIo io = new KafkaTestIo(kafka.bootstrapServers())) {
            TopicNames topics = TopicNames.withSuffix(UUID.randomUUID().toString().substring(0, 8));
            kafka.createTopics(topics, 2);
            Map<String, double[]> values = new TreeMap<>();
            Map<String, SyntheticSeries> generators = new HashMap<>();
            for (int s = 0; s < SERIES; s++) {
                values.put("s" + s, new double[MAX_TICKS]);
                generators.put("s" + s, new SyntheticSeries(SyntheticSeries.Kind.SENSOR, 100 + s));
            }
            Map<String, double[]> history = new HashMap<>();
            values.keySet().forEach(id -> history.put(id, take(generators.get(id), 100)));
            ModelSnapshot v1 = RetrainFunctionHarnessTest.undertrained(history);
            byte[] v1Bytes = ModelSnapshots.toBytes(v1);
            io.sendRaw(topics.models(), "statecast", v1Bytes);
            io.flush();

            Configuration conf = options(kafka.bootstrapServers(), topics);
            JobClient forecast = start(conf, 2, env -> ForecastJob.buildPipeline(env, ForecastIo.kafka(conf), conf,
                    v1Bytes));
            JobClient trainer = start(conf, 1, env -> TrainerJob.buildPipeline(env,
                    TrainerJob.TrainerIo.kafka(conf), conf, v1Bytes));
            AtomicBoolean stop = new AtomicBoolean();
            Thread producer = new Thread(() -> produce(io, topics.events(), generators, values, stop));
            producer.start();
            try {
                SingleObjectCodec<Forecast> codec = SingleObjectCodec.of(Forecast.class);
                List<Forecast> forecasts = io.read(IsolationLevel.READ_COMMITTED, topics.forecasts(), codec::decode,
                        got -> got.stream().filter(f -> f.getModelVersion() >= 2).count() >= 60,
                        Duration.ofSeconds(240));
                Map<Long, double[]> mae = maeByVersion(forecasts, values);
                assertThat(mae).as("forecasts by model version").containsKeys(1L, 2L);
                double v1Mae = mae.get(1L)[0] / mae.get(1L)[1];
                double v2Mae = mae.get(2L)[0] / mae.get(2L)[1];
                assertThat(v2Mae).as("online MAE of v2 (%s) vs v1", v2Mae).isLessThan(v1Mae);
                assertThat(forecast.getJobStatus().get().isTerminalState()).isFalse();
            } finally {
                stop.set(true);
                producer.join();
                forecast.cancel().get();
                trainer.cancel().get();
            }
        }
    }

    static double[] take(SyntheticSeries gen, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = gen.next();
        }
        return v;
    }

    static Configuration options(String bootstrap, TopicNames topics) {
        String suffix = UUID.randomUUID().toString();
        Configuration conf = TestJobOptions.forTopics(bootstrap, topics, suffix, N);
        conf.set(TrainerOptions.GROUP_ID, "it-trainer-" + suffix);
        conf.set(TrainerOptions.RETRAIN_INTERVAL, Duration.ofSeconds(2));
        conf.set(TrainerOptions.MIN_NEW_SAMPLES, 300);
        conf.set(TrainerOptions.ITERATIONS, 150);
        conf.set(TrainerOptions.LEARNING_RATE, 0.01);
        conf.set(TrainerOptions.BUFFER_STEPS, 150);
        return conf;
    }

    interface Pipeline {
        void build(StreamExecutionEnvironment env);
    }

    static JobClient start(Configuration conf, int parallelism, Pipeline pipeline) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.enableCheckpointing(500);
        pipeline.build(env);
        return env.executeAsync();
    }

    /** One event per series per tick, 50 ticks a second, until stopped. */
    static void produce(KafkaTestIo io, String topic, Map<String, SyntheticSeries> generators,
            Map<String, double[]> values, AtomicBoolean stop) {
        for (int tick = 0; tick < MAX_TICKS && !stop.get(); tick++) {
            for (var e : values.entrySet()) {
                double v = generators.get(e.getKey()).next();
                e.getValue()[tick] = v;
                io.sendEvent(topic, e.getKey(), START + tick * 1000L, v);
            }
            if (tick % 50 == 49) {
                io.flush();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** Per model version: [sum of |actual − forecast|, count], scored against the next actual value. */
    static Map<Long, double[]> maeByVersion(List<Forecast> forecasts, Map<String, double[]> values) {
        Map<Long, double[]> mae = new TreeMap<>();
        for (Forecast f : forecasts) {
            int tick = (int) ((f.getLastInputTimestamp().toEpochMilli() - START) / 1000L);
            double actual = values.get(f.getSeriesId())[tick + 1];
            double[] m = mae.computeIfAbsent(f.getModelVersion(), v -> new double[2]);
            m[0] += Math.abs(actual - f.getPoints().get(0).getMean());
            m[1]++;
        }
        return mae;
    }
}
