package io.statecast.jobs.io;

/** A ModelSnapshot as it arrived on the models topic: its bytes, decoded by the operator that serves it. */
public class ModelUpdate {
    public byte[] snapshot;
    public String origin;

    public ModelUpdate() {}

    public ModelUpdate(byte[] snapshot, String origin) {
        this.snapshot = snapshot;
        this.origin = origin;
    }
}
