package io.statecast.model.train;

import io.statecast.model.cell.CellState;
import io.statecast.model.head.DenseHead;
import io.statecast.model.head.GaussianOutput;
import io.statecast.model.layer.RnnConfig;
import io.statecast.model.layer.StackState;
import io.statecast.model.layer.StackedRnn;
import io.statecast.model.loss.GaussianNegativeLogLikelihood;
import io.statecast.model.loss.Loss;
import io.statecast.model.loss.LossResult;
import io.statecast.model.loss.MeanSquaredError;
import io.statecast.model.unroll.DynamicUnroll;
import io.statecast.model.unroll.UnrollCache;
import io.statecast.schemas.HeadType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stacked RNN with a dense head over one parameter map (recurrent {@code layer{l}.*} and
 * {@code head.W}/{@code head.b}): forward over a window {@code x [batch, n, inputs]} from an initial
 * state, the loss against targets (MSE; Gaussian NLL for a GAUSSIAN head) and its gradient w.r.t.
 * every parameter, in one map. Targets: PER_STEP {@code [batch, n, 1]} (the value after every
 * step), LAST_STEP {@code [batch, 1]}, MULTI_HORIZON and GAUSSIAN {@code [batch, h]}.
 *
 * <p>The parameters are shared, not copied: an optimizer updating the map updates the network.
 * FLOAT networks run the recurrent layers through fused BLAS kernels ({@link FusedUnroll});
 * DOUBLE ones through {@link DynamicUnroll}, the reference the fused kernels are tested against.
 * Not thread-safe (the fused kernels own their buffers).
 */
public final class SequenceNetwork {

    /** Loss and mean squared error of the point forecast (the means, for a GAUSSIAN head). */
    public record Evaluation(double loss, double mse) {
    }

    private final StackedRnn rnn;
    private final DynamicUnroll unroll;
    private final DenseHead head;
    private final Loss loss;
    private final Map<String, INDArray> params;
    private final FusedUnroll fused;
    private final Map<String, INDArray> headGradients = new HashMap<>();

    /** A network over {@code params} (shared), which must hold the stack's and the head's. */
    public SequenceNetwork(RnnConfig config, HeadType headType, Map<String, INDArray> params) {
        this.rnn = new StackedRnn(config);
        this.unroll = new DynamicUnroll(rnn);
        this.head = DenseHead.fromParameters(headType, params);
        this.loss = headType == HeadType.GAUSSIAN ? new GaussianNegativeLogLikelihood()
                : new MeanSquaredError();
        this.params = params;
        this.fused = head.parameters().get(DenseHead.WEIGHT).dataType() == DataType.FLOAT
                ? new FusedUnroll(config) : null;
    }

    /** Fresh parameters: the stack's from {@code seed}, the head's from {@code seed + 1}. */
    public static SequenceNetwork initialise(RnnConfig config, HeadType headType, int horizon,
            DataType dataType, long seed) {
        StackedRnn rnn = new StackedRnn(config);
        Map<String, INDArray> params = new LinkedHashMap<>(rnn.initParams(dataType, seed));
        params.putAll(DenseHead.initialise(headType, config.hiddenSize(), horizon, dataType,
                seed + 1).parameters());
        return new SequenceNetwork(config, headType, params);
    }

    /** The parameters, by name (the arrays the network computes with). */
    public Map<String, INDArray> parameters() {
        return params;
    }

    /** The parameters' data type; inputs and targets must have it. */
    public DataType dataType() {
        return head.parameters().get(DenseHead.WEIGHT).dataType();
    }

    /** State after running {@code x} from {@code initial} ({@code null} = zeros), no gradient. */
    public StackState finalState(INDArray x, StackState initial) {
        if (fused != null) {
            fused.forward(params, x, initial);
            return fused.finalState();
        }
        return unroll.forward(params, x, initial).finalState();
    }

    /** The head's outputs for the window (forward only), e.g. the per-step predictions. */
    public INDArray forwardHead(INDArray x, StackState initial) {
        if (fused != null) {
            fused.forward(params, x, initial);
            return head.forward(fusedHeadInput());
        }
        return head.forward(headInput(unroll.forward(params, x, initial)));
    }

    /** Loss and MSE of the window without gradients. */
    public Evaluation evaluate(INDArray x, StackState initial, INDArray target) {
        INDArray prediction = forwardHead(x, initial);
        return new Evaluation(loss.evaluate(prediction, target).value(), mse(prediction, target));
    }

    /**
     * Loss of the window and its gradient by BPTT through the window (not into {@code initial}).
     *
     * @param gradients filled with one gradient per parameter, in the parameters' order; the
     *     arrays belong to this network and are overwritten by its next call
     * @return the loss before any update
     */
    public double lossAndGradients(INDArray x, StackState initial, INDArray target,
            Map<String, INDArray> gradients) {
        UnrollCache cache = null;
        INDArray hidden;
        if (fused != null) {
            fused.forward(params, x, initial);
            hidden = fusedHeadInput();
        } else {
            cache = unroll.forward(params, x, initial);
            hidden = headInput(cache);
        }
        LossResult result = loss.evaluate(head.forward(hidden), target);
        INDArray dHidden = head.backward(hidden, result.gradient(), headGradients);
        INDArray dOutputs = head.perStep() ? dHidden : null;
        INDArray dTop = head.perStep() ? null : dHidden;
        Map<String, INDArray> recurrent = fused != null ? fused.backward(params, dOutputs, dTop)
                : unroll.backward(cache, dOutputs, dTop == null ? null : topOnly(dTop)).params();
        gradients.clear();
        for (String name : params.keySet()) {
            gradients.put(name, headGradients.containsKey(name) ? headGradients.get(name)
                    : recurrent.get(name));
        }
        return result.value();
    }

    private INDArray fusedHeadInput() {
        return head.perStep() ? fused.outputs() : fused.finalState().topHidden();
    }

    private INDArray headInput(UnrollCache cache) {
        return head.perStep() ? cache.outputs() : cache.finalState().topHidden();
    }

    /** dL/d(final state) with the head's gradient on the top layer's h and zeros elsewhere. */
    private StackState topOnly(INDArray dTopHidden) {
        StackState zeros = rnn.zeroState((int) dTopHidden.size(0), dTopHidden.dataType());
        List<CellState> layers = new ArrayList<>(zeros.layers());
        int top = layers.size() - 1;
        layers.set(top, new CellState(dTopHidden, zeros.layer(top).c()));
        return new StackState(layers);
    }

    private double mse(INDArray prediction, INDArray target) {
        INDArray point = head.type() == HeadType.GAUSSIAN ? GaussianOutput.means(prediction)
                : prediction;
        double norm = point.sub(target).norm2Number().doubleValue();
        return norm * norm / target.length();
    }
}
