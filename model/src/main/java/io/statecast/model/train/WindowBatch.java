package io.statecast.model.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch of windows, scaled.
 *
 * @param burnIn [batch, burnIn, 1] run without gradient before the window, {@code null} if none
 * @param inputs [batch, n, 1]
 * @param targets [batch, n, 1] (PER_STEP), [batch, 1] (LAST_STEP) or [batch, h]
 * @param stds each row's scaler std: an error times it is in the series' own (unscaled) units
 */
public record WindowBatch(INDArray burnIn, INDArray inputs, INDArray targets, double[] stds) {

    /** Rows in the batch. */
    public int size() {
        return (int) inputs.size(0);
    }
}
