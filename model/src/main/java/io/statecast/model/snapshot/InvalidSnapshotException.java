package io.statecast.model.snapshot;

/**
 * A model snapshot (or imported state dict) that cannot be used: the message names the field or
 * tensor, what was expected and what was found.
 */
public final class InvalidSnapshotException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidSnapshotException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The offending field or tensor, e.g. {@code architecture.hidden_size}, {@code layer0.W_ih}. */
    public String field() {
        return field;
    }
}
