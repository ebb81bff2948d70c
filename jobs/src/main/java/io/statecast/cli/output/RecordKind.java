package io.statecast.cli.output;

import io.statecast.schemas.DeadLetter;
import io.statecast.schemas.Forecast;
import io.statecast.schemas.ForecastScore;
import io.statecast.schemas.ModelSnapshot;
import io.statecast.schemas.TimeSeriesEvent;
import io.statecast.schemas.codec.SingleObjectCodec;
import org.apache.avro.specific.SpecificRecord;

/** The record types on Statecast topics, as named by {@code tail --type}. */
public enum RecordKind {
    event(TimeSeriesEvent.class),
    forecast(Forecast.class),
    deadletter(DeadLetter.class),
    score(ForecastScore.class),
    model(ModelSnapshot.class);

    private final Class<? extends SpecificRecord> type;

    RecordKind(Class<? extends SpecificRecord> type) {
        this.type = type;
    }

    /** A new codec for this type over the Statecast schema store. */
    public SingleObjectCodec<? extends SpecificRecord> codec() {
        return SingleObjectCodec.of(type);
    }
}
