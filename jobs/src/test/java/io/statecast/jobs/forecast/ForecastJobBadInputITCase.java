package io.statecast.jobs.forecast;

import static io.statecast.jobs.forecast.ForecastJobFixture.N;
import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.testing.KafkaTestIo;
import io.statecast.schemas.DeadLetter;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastPoint;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input of every kind the job can meet, mixed into good series: each bad record lands in the
 * dead-letter topic once, with the stage that refused it and a reason naming the problem; the good
 * series still get exactly their forecasts; and the job (which may not restart) keeps running.
 */
@Timeout(120)
class ForecastJobBadInputITCase extends ForecastJobTestBase {

    static final int GOOD_ROWS = 20;
    /** Lands between two good steps, so an accepted bad value would change the windows. */
    static final long BETWEEN_STEPS = TestSeries.timestamp(7) + 500;

    /** A record the job must refuse: what is sent, and the stage and words of the reason it must get. */
    record Bad(String what, String key, byte[] raw, String stage, String reasonContains) {}

    @Test
    void everyBadRecordIsDeadLetteredWithItsReasonAndGoodSeriesStillForecast() throws Exception {
        try (ForecastJobFixture fx = newFixture()) {
            String topic = fx.topics.events();
            List<Bad> beforeRelease = malformedAndInvalid(fx.io);
            fx.series.produceRows(fx.io, topic, 0, GOOD_ROWS / 2);
            send(fx.io, topic, beforeRelease);
            fx.series.produceRows(fx.io, topic, GOOD_ROWS / 2, GOOD_ROWS);
            fx.series.produceRelease(fx.io, topic);
            JobClient job = fx.start(ForecastJobFixture.flink(Duration.ofMillis(300)), 2);
            fx.awaitForecasts(fx.expected.count(GOOD_ROWS));

            // Every series has released its steps up to the release event now: these come too late.
            long late = TestSeries.timestamp(3) + 500;
            long released = TestSeries.timestamp(17);
            List<Bad> afterRelease = List.of(
                    new Bad("late", "series-4", fx.io.eventBytes("series-4", late, 1.0), "window", "late by"),
                    new Bad("duplicate of a released step", "series-5",
                            fx.io.eventBytes("series-5", released, 2.0), "window", "already released"));
            send(fx.io, topic, afterRelease);
            List<Bad> all = new ArrayList<>(beforeRelease);
            all.addAll(afterRelease);
            fx.awaitDeadLetters(all.size());
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
            fx.stopWithSavepoint(job);

            assertDeadLetters(fx.allDeadLetters(), all, topic);
            fx.expected.assertExactly(fx.allForecasts(), GOOD_ROWS);
        }
    }

    /** Records the decoder or the validator must refuse; none would be a valid step of a good series. */
    private static List<Bad> malformedAndInvalid(KafkaTestIo io) {
        byte[] good = io.eventBytes("series-0", BETWEEN_STEPS, 1.0);
        byte[] unknownFingerprint = good.clone();
        ByteBuffer.wrap(unknownFingerprint, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL);
        Instant at = Instant.ofEpochMilli(BETWEEN_STEPS);
        byte[] forecast = SingleObjectCodec.of(Forecast.class).encode(Forecast.newBuilder()
                .setSeriesId("series-0").setLastInputTimestamp(at).setWindowEnd(at.plusMillis(1))
                .setPoints(List.of(ForecastPoint.newBuilder().setTimestamp(at).setMean(1.0).build()))
                .setModelVersion(1).setStepsSeen(5).setColdStart(false).build());
        String oversized = "x".repeat(300);
        return List.of(
                new Bad("garbage", "series-0", "definitely not an Avro record".getBytes(StandardCharsets.UTF_8),
                        "decode", "BAD_MARKER"),
                new Bad("unknown fingerprint", "series-0", unknownFingerprint, "decode",
                        "fingerprint 0123456789abcdef is not in the schema store"),
                new Bad("another schema", "series-0", forecast, "decode", "INCOMPATIBLE_SCHEMA"),
                new Bad("truncated", "series-0", Arrays.copyOf(good, good.length - 3), "decode", "TRUNCATED"),
                new Bad("NaN", "series-1", io.eventBytes("series-1", BETWEEN_STEPS, Double.NaN), "validate",
                        "value is NaN"),
                new Bad("+Inf", "series-2", io.eventBytes("series-2", BETWEEN_STEPS, Double.POSITIVE_INFINITY),
                        "validate", "value is Infinity"),
                new Bad("-Inf", "series-3", io.eventBytes("series-3", BETWEEN_STEPS, Double.NEGATIVE_INFINITY),
                        "validate", "value is -Infinity"),
                new Bad("empty id", "", io.eventBytes("", BETWEEN_STEPS, 1.0), "validate",
                        "series_id is empty"),
                new Bad("oversized id", oversized, io.eventBytes(oversized, BETWEEN_STEPS, 1.0), "validate",
                        "series_id is 300 bytes, over the 256-byte limit"));
    }

    private static void send(KafkaTestIo io, String topic, List<Bad> records) {
        for (Bad b : records) {
            io.sendRaw(topic, b.key(), b.raw());
        }
        io.flush();
    }

    /** One dead letter per bad record (matched by its bytes), from the events topic, with stage and reason. */
    private static void assertDeadLetters(List<DeadLetter> dead, List<Bad> expected, String topic) {
        Map<ByteBuffer, Bad> byRaw = new HashMap<>();
        for (Bad b : expected) {
            byRaw.put(ByteBuffer.wrap(b.raw()), b);
        }
        assertThat(byRaw).as("bad records are told apart by their bytes").hasSameSizeAs(expected);
        for (DeadLetter d : dead) {
            Bad b = byRaw.remove(d.getRaw());
            assertThat(b).as("dead letter %s is one of the bad records, once", d).isNotNull();
            assertThat(d.getStage()).as(b.what()).isEqualTo(b.stage());
            assertThat(d.getReason()).as(b.what()).contains(b.reasonContains());
            assertThat(d.getSourceTopic()).as(b.what()).isEqualTo(topic);
            assertThat(d.getSourceOffset()).as(b.what()).isNotNull();
            assertThat(d.getKey()).as(b.what())
                    .isEqualTo(ByteBuffer.wrap(b.key().getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(byRaw.values()).as("bad records without a dead letter").isEmpty();
    }
}
