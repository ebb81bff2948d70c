package io.statecast.model.cell;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recurrent state of one layer for a batch: {@code h} [batch, H] and, for LSTM only, the cell
 * state {@code c} [batch, H] ({@code null} for RNN and GRU).
 */
public record CellState(INDArray h, INDArray c) {

    public CellState {
        if (h == null) {
            throw new IllegalArgumentException("hidden state h must not be null");
        }
        if (c != null && !java.util.Arrays.equals(h.shape(), c.shape())) {
            throw new IllegalArgumentException("h and c must have the same shape, got "
                    + java.util.Arrays.toString(h.shape()) + " and "
                    + java.util.Arrays.toString(c.shape()));
        }
    }

    /** State of a cell without a memory cell (RNN, GRU). */
    public static CellState of(INDArray h) {
        return new CellState(h, null);
    }

    /** Whether this state carries an LSTM memory cell. */
    public boolean hasC() {
        return c != null;
    }
}
