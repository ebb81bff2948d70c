package io.statecast.jobs.ingest;

import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.OutputTag;

/** The side output every stage sends rejected input to, and helpers to build rejections. */
public final class DeadLetters {

    public static final OutputTag<Rejected> TAG = new OutputTag<>("dead-letters") {};

    private DeadLetters() {}

    /**
     * A rejection for an event that was decoded fine but is refused later (late, inconsistent): its bytes
     * are re-encoded so the dead letter can be replayed as it was.
     */
    public static Rejected of(Event e, SingleObjectCodec<TimeSeriesEvent> codec, String stage, String category,
            String reason) {
        List<Double> covariates = new ArrayList<>(e.inputs.length - 1);
        for (int i = 1; i < e.inputs.length; i++) {
            covariates.add(e.inputs[i]);
        }
        byte[] raw = codec.encode(TimeSeriesEvent.newBuilder().setSeriesId(e.seriesId)
                .setTimestamp(Instant.ofEpochMilli(e.timestamp)).setValue(e.inputs[0])
                .setCovariates(covariates).build());
        return new Rejected(e.topic, e.partition, e.offset, e.seriesId.getBytes(StandardCharsets.UTF_8), raw,
                stage, category, reason);
    }
}
