package io.statecast.model.layer;

import io.statecast.model.cell.CellStep;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward step of a stack: the per-layer cell steps (for backward), the row mask used
 * ([batch, 1] of 0/1, or {@code null} = all rows active), the top output and the new state.
 */
public record StackStep(List<CellStep> cells, INDArray mask, INDArray output, StackState state) {
}
