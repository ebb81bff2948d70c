package io.statecast.model.layer;

import io.statecast.model.cell.Activation;
import io.statecast.model.cell.Cells;
import io.statecast.schemas.CellType;

/**
 * Shape of a stacked recurrent network: cell type, basic-RNN activation, input features,
 * hidden units per layer and number of layers.
 */
public record RnnConfig(CellType cell, Activation activation, int inputSize, int hiddenSize,
        int layers) {

    public RnnConfig {
        if (cell == null) {
            throw new IllegalArgumentException("cell type must not be null (RNN, LSTM or GRU)");
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null (TANH or RELU)");
        }
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input size must be > 0, got " + inputSize);
        }
        if (hiddenSize <= 0) {
            throw new IllegalArgumentException("hidden size must be > 0, got " + hiddenSize);
        }
        if (layers <= 0) {
            throw new IllegalArgumentException("layers must be > 0, got " + layers);
        }
    }

    /** A tanh RNN, an LSTM or a GRU (activation TANH, unused by LSTM and GRU). */
    public static RnnConfig of(CellType cell, int inputSize, int hiddenSize, int layers) {
        return new RnnConfig(cell, Activation.TANH, inputSize, hiddenSize, layers);
    }

    /** Gate blocks G. */
    public int gates() {
        return Cells.gates(cell);
    }

    /** Whether each layer also carries an LSTM memory cell. */
    public boolean hasMemoryCell() {
        return cell == CellType.LSTM;
    }

    /** Floats of one series' recurrent state: layers × H (RNN, GRU) or layers × 2H (LSTM). */
    public int stateSize() {
        return layers * hiddenSize * (hasMemoryCell() ? 2 : 1);
    }

    /** Input features of layer {@code l}. */
    public int layerInputSize(int l) {
        return l == 0 ? inputSize : hiddenSize;
    }
}
