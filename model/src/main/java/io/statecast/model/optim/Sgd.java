package io.statecast.model.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent, optionally with momentum as in PyTorch's SGD and TF's
 * MomentumOptimizer: {@code v = μ·v + g; p −= lr·v} (plain {@code p −= lr·g} when μ = 0).
 */
public final class Sgd implements Optimizer {

    private static final int VELOCITY = 0;
    private static final int SCRATCH = 1;

    private final double learningRate;
    private final double momentum;
    private final SlotBuffers slots = new SlotBuffers(2);
    private long steps;

    /** Plain SGD. */
    public Sgd(double learningRate) {
        this(learningRate, 0.0);
    }

    /** SGD with momentum μ in [0, 1). */
    public Sgd(double learningRate, double momentum) {
        this.learningRate = SlotBuffers.checkLearningRate(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients) {
        SlotBuffers.checkGradients(parameters, gradients);
        for (Map.Entry<String, INDArray> entry : parameters.entrySet()) {
            INDArray[] state = slots.of(entry.getKey(), entry.getValue());
            INDArray direction = gradients.get(entry.getKey());
            if (momentum > 0) {
                direction = state[VELOCITY].muli(momentum).addi(direction);
            }
            SlotBuffers.addScaled(-learningRate, direction, entry.getValue(), state[SCRATCH]);
        }
        steps++;
    }

    @Override
    public long steps() {
        return steps;
    }
}
