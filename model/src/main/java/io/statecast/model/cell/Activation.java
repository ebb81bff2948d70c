package io.statecast.model.cell;

import java.util.Locale;

/** Activation of the basic RNN cell (LSTM and GRU have fixed activations). */
public enum Activation {
    TANH,
    RELU;

    /**
     * Parses the snapshot's activation string ("tanh" or "relu", any case).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Activation parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("activation must be \"tanh\" or \"relu\", got null");
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "tanh":
                return TANH;
            case "relu":
                return RELU;
            default:
                throw new IllegalArgumentException(
                        "activation must be \"tanh\" or \"relu\", got \"" + name + "\"");
        }
    }

    /** The name used in snapshots. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
