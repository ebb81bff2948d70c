package io.statecast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.demo.SyntheticSeries;
import io.statecast.jobs.testing.KafkaTestIo;
import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicNames;
import io.statecast.model.serve.BatchForecaster;
import io.statecast.model.serve.ServingModel;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.CellType;
import io.statecast.schemas.DeadLetter;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole ForecastJob on a MiniCluster (parallelism 2) against a real embedded Kafka broker. */
@Timeout(180)
class ForecastJobITCase {

    static final int N = 5;
    static final int SERIES = 6;
    static final int EVENTS_PER_SERIES = 40;
    static final Architecture ARCH = TestModels.architecture(CellType.GRU, 8, N, 1, HeadType.LAST_STEP);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    static LocalKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    static Configuration options(TopicNames topics) {
        Configuration conf = new Configuration();
        conf.set(ForecastOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(ForecastOptions.EVENTS_TOPIC, topics.events());
        conf.set(ForecastOptions.FORECASTS_TOPIC, topics.forecasts());
        conf.set(ForecastOptions.MODELS_TOPIC, topics.models());
        conf.set(ForecastOptions.DEADLETTERS_TOPIC, topics.deadLetters());
        conf.set(ForecastOptions.GROUP_ID, "it-" + UUID.randomUUID());
        conf.set(ForecastOptions.TRANSACTIONAL_ID_PREFIX, "it-" + UUID.randomUUID());
        conf.set(ForecastOptions.WINDOW_STEPS, N);
        conf.set(ForecastOptions.BUNDLE_MAX_LATENCY, Duration.ofMillis(50));
        return conf;
    }

    static TopicNames newTopics() {
        TopicNames topics = TopicNames.withSuffix(UUID.randomUUID().toString().substring(0, 8));
        kafka.createTopics(topics, 2);
        return topics;
    }

    static JobClient start(Configuration conf, byte[] model) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        ForecastJob.buildPipeline(env, ForecastIo.kafka(conf), conf, model);
        return env.executeAsync("forecast-it");
    }

    /** Values of each series, produced in time order, then one far-future event that releases them all. */
    static Map<String, double[]> produceSeries(KafkaTestIo io, String topic) {
        Map<String, double[]> values = new HashMap<>();
        for (int s = 0; s < SERIES; s++) {
            SyntheticSeries gen = SyntheticSeries.nth(s, 42);
            double[] v = new double[EVENTS_PER_SERIES];
            for (int i = 0; i < v.length; i++) {
                v[i] = gen.next();
            }
            values.put("series-" + s, v);
        }
        for (int i = 0; i < EVENTS_PER_SERIES; i++) {
            for (var e : values.entrySet()) {
                io.sendEvent(topic, e.getKey(), 1_000_000L + i * 1000L, e.getValue()[i]);
            }
        }
        for (String series : values.keySet()) {
            io.sendEvent(topic, series, 10_000_000L, 0);
        }
        return values;
    }

    /** The forecasts running the model offline over each series' windows, carrying the state. */
    static Map<String, double[]> offline(byte[] model, Map<String, double[]> values) {
        Map<String, double[]> expected = new HashMap<>();
        for (var e : values.entrySet()) {
            double[] v = e.getValue();
            double[] means = new double[v.length / N];
            try (BatchForecaster f = ServingModel.fromBytes(model).newForecaster(1, N)) {
                f.loadState(0, null);
                for (int w = 0; w < means.length; w++) {
                    for (int s = 0; s < N; s++) {
                        f.setInput(0, s, v, w * N + s);
                    }
                    f.run(1, N);
                    means[w] = f.mean(0, 0);
                }
            }
            expected.put(e.getKey(), means);
        }
        return expected;
    }

    @Test
    void forecastsEveryCompletedWindowExactlyOnceWithTheOfflineValues() throws Exception {
        TopicNames topics = newTopics();
        Configuration conf = options(topics);
        byte[] model = TestModels.bytes(ARCH, 1, 3);
        int expectedCount = SERIES * EVENTS_PER_SERIES / N;
        try (KafkaTestIo io = new KafkaTestIo(kafka.bootstrapServers())) {
            Map<String, double[]> values = produceSeries(io, topics.events());
            JobClient job = start(conf, model);
            try {
                SingleObjectCodec<Forecast> codec = SingleObjectCodec.of(Forecast.class);
                List<Forecast> forecasts = io.read(topics.forecasts(), codec::decode,
                        got -> got.size() >= expectedCount, Duration.ofSeconds(90));
                // Give a duplicate, if any, time to show up.
                Thread.sleep(1500);
                forecasts = io.read(topics.forecasts(), codec::decode, got -> false, Duration.ofSeconds(3));

                assertThat(forecasts).hasSize(expectedCount);
                Set<String> windows = new HashSet<>();
                Map<String, double[]> expected = offline(model, values);
                for (Forecast f : forecasts) {
                    long last = f.getLastInputTimestamp().toEpochMilli();
                    assertThat(windows.add(f.getSeriesId() + "@" + last)).as("duplicate %s", f).isTrue();
                    int window = (int) ((last - 1_000_000L) / 1000L) / N;
                    assertThat(f.getPoints().get(0).getMean()).as("%s window %d", f.getSeriesId(), window)
                            .isCloseTo(expected.get(f.getSeriesId())[window],
                                    org.assertj.core.data.Offset.offset(1e-5));
                    assertThat(f.getModelVersion()).isEqualTo(1);
                    assertThat(f.getStepsSeen()).isEqualTo((window + 1L) * N);
                }
                List<DeadLetter> dead = io.read(topics.deadLetters(), SingleObjectCodec.of(DeadLetter.class)::decode,
                        got -> false, Duration.ofSeconds(2));
                assertThat(dead).isEmpty();
            } finally {
                job.cancel().get();
            }
        }
    }
}
