package io.statecast.model.train;

import io.statecast.model.layer.StackState;
import io.statecast.model.optim.GradientClipping;
import io.statecast.model.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One truncated-BPTT update of a network: burn-in forward without gradient (optional), loss and
 * gradients through the window, clipping by global norm (optional), optimizer step. The unit
 * the trainer loops over and the benchmarks time. Not thread-safe.
 */
public final class TrainingStep {

    private final SequenceNetwork network;
    private final Optimizer optimizer;
    private final double clipNorm;
    private final Map<String, INDArray> gradients = new LinkedHashMap<>();

    /**
     * @param clipNorm global-norm threshold, 0 for no clipping
     */
    public TrainingStep(SequenceNetwork network, Optimizer optimizer, double clipNorm) {
        if (network == null || optimizer == null) {
            throw new IllegalArgumentException("network and optimizer must not be null");
        }
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipNorm must be >= 0 and finite (0 = off), got "
                    + clipNorm);
        }
        this.network = network;
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
    }

    /**
     * Updates the network's parameters from one mini-batch.
     *
     * @param burnIn [batch, burnIn, inputs] run first without gradient, or {@code null}
     * @return the mini-batch's loss before the update
     * @throws IllegalStateException when the loss is not finite (nothing is updated)
     */
    public double run(INDArray burnIn, INDArray inputs, INDArray targets) {
        StackState initial = burnIn == null ? null : network.finalState(burnIn, null);
        double loss = network.lossAndGradients(inputs, initial, targets, gradients);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("training loss is " + loss + " after "
                    + optimizer.steps() + " updates; lower the learning rate or clip gradients");
        }
        if (clipNorm > 0) {
            GradientClipping.clipByGlobalNorm(gradients, clipNorm);
        }
        optimizer.step(network.parameters(), gradients);
        return loss;
    }

    /** {@link #run(INDArray, INDArray, INDArray)} on a batch of windows. */
    public double run(WindowBatch batch) {
        return run(batch.burnIn(), batch.inputs(), batch.targets());
    }

    public SequenceNetwork network() {
        return network;
    }
}
