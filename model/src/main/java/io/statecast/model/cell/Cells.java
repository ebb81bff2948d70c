package io.statecast.model.cell;

import io.statecast.schemas.CellType;

/** Factory of cells from the snapshot's cell type. */
public final class Cells {

    private Cells() {
    }

    /**
     * Creates the cell of layer {@code layer}.
     *
     * @param activation used by {@link CellType#RNN} only; LSTM and GRU ignore it
     */
    public static Cell create(CellType type, Activation activation, int layer, int inputSize,
            int hiddenSize) {
        if (type == null) {
            throw new IllegalArgumentException("cell type must not be null (RNN, LSTM or GRU)");
        }
        switch (type) {
            case RNN:
                return new BasicRnnCell(layer, inputSize, hiddenSize, activation);
            case LSTM:
                return new LstmCell(layer, inputSize, hiddenSize);
            case GRU:
                return new GruCell(layer, inputSize, hiddenSize);
            default:
                throw new IllegalArgumentException("unsupported cell type " + type);
        }
    }

    /** Gate blocks G of a cell type (RNN 1, LSTM 4, GRU 3). */
    public static int gates(CellType type) {
        switch (type) {
            case RNN:
                return 1;
            case LSTM:
                return 4;
            case GRU:
                return 3;
            default:
                throw new IllegalArgumentException("unsupported cell type " + type);
        }
    }
}
