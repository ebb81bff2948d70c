package io.statecast.model.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba, Algorithm 1) as in PyTorch's {@code torch.optim.Adam}:
 * {@code m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
 * p −= lr · (m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + ε)}. Defaults β1 0.9, β2 0.999, ε 1e-8.
 * (TF1's AdamOptimizer adds ε before the bias correction of v; the two differ only while
 * sqrt(v̂) is near ε.) Moments and one scratch array per parameter are allocated on the first step.
 * FLOAT parameters that own their buffers are updated in one pass ({@link FloatAdam}), the rest
 * with ND4J ops; both give the same floats.
 */
public final class Adam implements Optimizer {

    private static final int FIRST_MOMENT = 0;
    private static final int SECOND_MOMENT = 1;
    private static final int SCRATCH = 2;

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final SlotBuffers slots = new SlotBuffers(3);
    private long steps;

    /** Adam with β1 0.9, β2 0.999, ε 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = SlotBuffers.checkLearningRate(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(
                    "betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(
                    "epsilon must be positive and finite, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients) {
        SlotBuffers.checkGradients(parameters, gradients);
        steps++;
        double firstCorrection = 1 - Math.pow(beta1, steps);
        double secondCorrection = 1 - Math.pow(beta2, steps);
        for (Map.Entry<String, INDArray> entry : parameters.entrySet()) {
            INDArray gradient = gradients.get(entry.getKey());
            INDArray[] state = slots.of(entry.getKey(), entry.getValue());
            INDArray m = state[FIRST_MOMENT];
            INDArray v = state[SECOND_MOMENT];
            if (FloatAdam.applies(entry.getValue(), gradient, m, v)) {
                FloatAdam.update(entry.getValue(), gradient, m, v, beta1, beta2, epsilon, secondCorrection,
                        -learningRate / firstCorrection);
                continue;
            }
            INDArray scratch = state[SCRATCH];
            SlotBuffers.addScaled(1 - beta1, gradient, m.muli(beta1), scratch);
            SlotBuffers.addScaled(
                    1 - beta2, scratch.assign(gradient).muli(gradient), v.muli(beta2), scratch);
            // scratch = m / (sqrt(v / (1 − β2^t)) + ε), all in place
            Transforms.sqrt(scratch.assign(v).divi(secondCorrection), false).addi(epsilon).rdivi(m);
            SlotBuffers.addScaled(
                    -learningRate / firstCorrection, scratch, entry.getValue(), scratch);
        }
    }

    @Override
    public long steps() {
        return steps;
    }
}
