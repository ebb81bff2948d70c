package io.statecast.model.optim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-parameter state arrays ("slots", as TF calls them), zero-initialised the first time a
 * parameter is seen and reused afterwards; also checks a gradient map against a parameter map.
 */
final class SlotBuffers {

    private final int slotsPerParameter;
    private final Map<String, INDArray[]> slots = new HashMap<>();

    SlotBuffers(int slotsPerParameter) {
        this.slotsPerParameter = slotsPerParameter;
    }

    /** The slots of {@code name}, created like {@code parameter} when first asked for. */
    INDArray[] of(String name, INDArray parameter) {
        INDArray[] buffers = slots.get(name);
        if (buffers == null || !Arrays.equals(buffers[0].shape(), parameter.shape())) {
            buffers = new INDArray[slotsPerParameter];
            for (int i = 0; i < slotsPerParameter; i++) {
                buffers[i] = Nd4j.zeros(parameter.dataType(), parameter.shape());
            }
            slots.put(name, buffers);
        }
        return buffers;
    }

    /** Fails unless both maps have the same keys and each gradient matches its parameter. */
    static void checkGradients(Map<String, INDArray> parameters, Map<String, INDArray> gradients) {
        if (!parameters.keySet().equals(gradients.keySet())) {
            throw new IllegalArgumentException(
                    "gradients must have exactly the parameters' names; "
                            + "parameters "
                            + parameters.keySet()
                            + ", gradients "
                            + gradients.keySet());
        }
        for (Map.Entry<String, INDArray> entry : parameters.entrySet()) {
            INDArray parameter = entry.getValue();
            INDArray gradient = gradients.get(entry.getKey());
            if (!Arrays.equals(parameter.shape(), gradient.shape())
                    || parameter.dataType() != gradient.dataType()) {
                throw new IllegalArgumentException(
                        "gradient of "
                                + entry.getKey()
                                + " is "
                                + gradient.dataType()
                                + Arrays.toString(gradient.shape())
                                + " but the parameter is "
                                + parameter.dataType()
                                + Arrays.toString(parameter.shape()));
            }
        }
    }

    /**
     * {@code y += alpha·x} through the preallocated {@code scratch} (may be {@code x} itself).
     * Not BLAS axpy: ND4J's walks raw buffers and so mixes up elements of views and of arrays
     * whose orderings differ.
     */
    static void addScaled(double alpha, INDArray x, INDArray y, INDArray scratch) {
        y.addi(scratch.assign(x).muli(alpha));
    }

    static double checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be positive and finite, got " + learningRate);
        }
        return learningRate;
    }
}
