package io.statecast.model.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch of windows, scaled.
 *
 * @param burnIn [batch, burnIn, 1] run without gradient before the window, {@code null} if none
 * @param inputs [batch, n, 1]
 * @param targets [batch, n, 1] (PER_STEP), [batch, 1] (LAST_STEP) or [batch, h]
 */
public record WindowBatch(INDArray burnIn, INDArray inputs, INDArray targets) {

    /** Rows in the batch. */
    public int size() {
        return (int) inputs.size(0);
    }
}
