package io.statecast.jobs.ingest;

/** What the Kafka deserializer emits: exactly one of an event or a rejection (the source cannot side-output). */
public class Ingested {
    public Event event;
    public Rejected rejected;

    public Ingested() {}

    static Ingested of(Event event) {
        Ingested i = new Ingested();
        i.event = event;
        return i;
    }

    static Ingested of(Rejected rejected) {
        Ingested i = new Ingested();
        i.rejected = rejected;
        return i;
    }

    /** Event time for the watermark; rejections must not move it, so they report the minimum. */
    public long eventTime() {
        return event != null ? event.timestamp : Long.MIN_VALUE;
    }
}
