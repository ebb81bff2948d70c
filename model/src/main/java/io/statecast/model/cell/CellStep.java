package io.statecast.model.cell;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Result of one forward step: the input, the previous and new state, and the cell-specific
 * intermediates its backward step needs ({@code saved}, owned by the cell that made them).
 */
public record CellStep(INDArray x, CellState prev, CellState next, INDArray[] saved) {
}
