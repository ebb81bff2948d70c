package io.statecast.jobs.window;

/**
 * All windowing state of one series in one keyed value (written by {@link WindowStateSerializer}), so an
 * event costs one state read and one write: the pending steps, the steps released towards the next
 * sequence, and the bookkeeping of the series' two timers (release and idle expiry, event time).
 */
public class WindowState {
    /** No timer registered. */
    static final long NONE = Long.MIN_VALUE;

    public PendingSteps pending;
    public PartialSequence partial;
    /** Timestamp (bucket) of the last released step, or {@link #NONE}. */
    public long lastReleased = NONE;
    /** Latest timestamp (bucket) accepted. */
    public long lastSeen = NONE;
    /** The registered release timer: at or before the release of the pending step that hands a chunk on. */
    public long releaseTimer = NONE;
    /** The registered idle-expiry timer. */
    public long expiryTimer = NONE;

    public WindowState() {}

    static WindowState empty(int steps, int inputSize, int firstWindowSteps) {
        WindowState s = new WindowState();
        s.pending = PendingSteps.empty(inputSize);
        s.partial = PartialSequence.empty(steps, inputSize, firstWindowSteps);
        return s;
    }

    int inputSize() {
        return pending.inputSize;
    }

    /** A deep copy: the object a snapshot holds while this one goes on changing. */
    WindowState copy() {
        WindowState c = new WindowState();
        c.pending = pending == null ? null : pending.copy();
        c.partial = partial == null ? null : partial.copy();
        c.lastReleased = lastReleased;
        c.lastSeen = lastSeen;
        c.releaseTimer = releaseTimer;
        c.expiryTimer = expiryTimer;
        return c;
    }
}
