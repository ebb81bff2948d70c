package io.statecast.model.head;

import io.statecast.schemas.HeadType;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output layer on top of the recurrent stack: maps hidden states to forecasts.
 *
 * <p>A {@link #perStep()} head takes the whole output sequence {@code [batch, steps, H]} and returns
 * {@code [batch, steps, out]} (sequence to sequence, like the book's OutputProjectionWrapper); every
 * other head takes the last step's hidden state {@code [batch, H]} and returns {@code [batch, out]}.
 * Parameters are {@value #WEIGHT} {@code [H, out]} and {@value #BIAS} {@code [1, out]}.
 */
public interface Head {

    /** Name of the projection matrix in parameter and gradient maps. */
    String WEIGHT = "head.W";

    /** Name of the bias row in parameter and gradient maps. */
    String BIAS = "head.b";

    HeadType type();

    /** Hidden units H the head reads. */
    int hiddenSize();

    /** Outputs per row (per step for a per-step head): 1, h or 2h. */
    int outputSize();

    /** True when the head projects every step, false when it reads only the last step. */
    boolean perStep();

    /** The head's parameters by name; the arrays are the ones the head computes with (not copies). */
    Map<String, INDArray> parameters();

    /** Projects {@code hidden} into a new array. */
    INDArray forward(INDArray hidden);

    /**
     * Projects {@code hidden} into {@code out}, which must have the output shape, be C-ordered with
     * no gaps and have the parameters' data type (so inference can reuse one buffer).
     */
    void forward(INDArray hidden, INDArray out);

    /**
     * Backpropagates {@code dOut} (dL/dOutput, the output's shape). Writes (overwrites, does not
     * add) dL/dW and dL/db into {@code gradients} under {@value #WEIGHT} and {@value #BIAS}, reusing
     * arrays already there, and returns dL/dHidden with {@code hidden}'s shape.
     */
    INDArray backward(INDArray hidden, INDArray dOut, Map<String, INDArray> gradients);
}
