package io.statecast.model.layer;

import io.statecast.model.cell.CellState;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Recurrent state of every layer of a stack for a batch, layer 0 first. */
public record StackState(List<CellState> layers) {

    public StackState {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a stack state needs at least one layer");
        }
        layers = List.copyOf(layers);
    }

    /** State of layer {@code l}. */
    public CellState layer(int l) {
        return layers.get(l);
    }

    /** Hidden state of the top layer, [batch, H]. */
    public INDArray topHidden() {
        return layers.get(layers.size() - 1).h();
    }

    /** Number of layers. */
    public int size() {
        return layers.size();
    }
}
