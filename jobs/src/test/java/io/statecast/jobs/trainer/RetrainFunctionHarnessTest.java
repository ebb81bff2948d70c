package io.statecast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.demo.SyntheticSeries;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.io.KafkaRecord;
import io.statecast.jobs.window.Sequence;
import io.statecast.kafka.LocalKafka;
import io.statecast.kafka.TopicNames;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.train.BpttTrainer;
import io.statecast.model.train.TrainerConfig;
import io.statecast.model.train.TrainingListener;
import io.statecast.schemas.CellType;
import io.statecast.schemas.HeadType;
import io.statecast.schemas.ModelSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class RetrainFunctionHarnessTest {

    static final int N = 5;
    static final int STEPS = 120;
    static LocalKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = LocalKafka.builder().start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    static Map<String, double[]> series() {
        Map<String, double[]> all = new HashMap<>();
        for (int s = 0; s < 4; s++) {
            SyntheticSeries gen = new SyntheticSeries(SyntheticSeries.Kind.SENSOR, s);
            double[] v = new double[STEPS];
            for (int i = 0; i < v.length; i++) {
                v[i] = gen.next();
            }
            all.put("s" + s, v);
        }
        return all;
    }

    /** A barely trained model (one iteration): what a retraining run should beat. */
    static ModelSnapshot undertrained(Map<String, double[]> data) {
        TrainerConfig config = TrainerConfig.builder().cell(CellType.GRU).hiddenSize(8).windowSteps(N)
                .head(HeadType.LAST_STEP).burnIn(N).maxIterations(1).evaluateEvery(1).build();
        return new BpttTrainer(config).train(data, null, TrainingListener.NONE).snapshot();
    }

    static RetrainSettings settings(double learningRate) {
        Configuration conf = new Configuration();
        conf.set(ForecastOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        TopicNames topics = TopicNames.withSuffix(UUID.randomUUID().toString().substring(0, 8));
        kafka.createTopics(topics, 1);
        conf.set(ForecastOptions.MODELS_TOPIC, topics.models());
        conf.set(ForecastOptions.WINDOW_STEPS, N);
        conf.set(TrainerOptions.MIN_NEW_SAMPLES, 100);
        conf.set(TrainerOptions.ITERATIONS, 150);
        conf.set(TrainerOptions.LEARNING_RATE, learningRate);
        conf.set(TrainerOptions.RETRAIN_INTERVAL, Duration.ofSeconds(1));
        return RetrainSettings.from(conf);
    }

    /** Feeds every series, fires the retrain timer, and polls (as the function's timers do) until it publishes. */
    static List<KafkaRecord> retrain(RetrainSettings settings, ModelSnapshot serving) throws Exception {
        Map<String, double[]> data = series();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RetrainFunction(settings, ModelSnapshots.toBytes(serving))),
                (Sequence s) -> "all", Types.STRING)) {
            h.open();
            h.setProcessingTime(0);
            for (int i = 0; i < STEPS; i++) {
                for (var e : data.entrySet()) {
                    h.processElement(new StreamRecord<>(new Sequence(e.getKey(), new long[] {i},
                            new double[] {e.getValue()[i]}, 1)));
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            for (long now = 1_000; h.extractOutputValues().isEmpty() && System.nanoTime() < deadline; now += 500) {
                h.setProcessingTime(now);
                Thread.sleep(100);
            }
            assertThat(h.numProcessingTimeTimers()).as("the next retrain is scheduled").isEqualTo(1);
            return h.extractOutputValues();
        }
    }

    @Test
    void publishesAWarmStartedCandidateThatBeatsTheServingModel() throws Exception {
        ModelSnapshot v1 = undertrained(series());
        List<KafkaRecord> out = retrain(settings(0.01), v1);
        assertThat(out).hasSize(1);
        ModelSnapshot v2 = ModelSnapshots.fromBytes(out.get(0).value);
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v2.getParentVersion()).isEqualTo(1);
        assertThat(new String(out.get(0).key)).isEqualTo("statecast");
    }
}
