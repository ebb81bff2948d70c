package io.statecast.model.snapshot;

import io.statecast.model.head.DenseHead;
import io.statecast.model.head.Head;
import io.statecast.schemas.Architecture;
import io.statecast.model.cell.Cells;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameter names and shapes an {@link Architecture} has, in the library's one naming:
 * {@code layer{l}.W_ih [in_l, G·H]}, {@code layer{l}.W_hh [H, G·H]}, {@code layer{l}.b_ih} and
 * {@code layer{l}.b_hh [1, G·H]}, {@code head.W [H, out]}, {@code head.b [1, out]}; G = 1 (RNN),
 * 4 (LSTM), 3 (GRU); in_0 = input size, in_l = H above.
 */
public final class ParameterLayout {

    /** Activations the basic RNN cell knows. */
    public static final Set<String> ACTIVATIONS = Set.of("tanh", "relu");

    /** Suffixes of one layer's parameters, in order. */
    public static final String[] LAYER_PARAMETERS = {"W_ih", "W_hh", "b_ih", "b_hh"};

    private ParameterLayout() {}

    /** {@code layer{l}.{suffix}}. */
    public static String layerParameter(int layer, String suffix) {
        return "layer" + layer + "." + suffix;
    }

    /** Every expected parameter name with its shape, layers first then the head, in a fixed order. */
    public static Map<String, long[]> expectedShapes(Architecture architecture) {
        long hidden = architecture.getHiddenSize();
        long gated = Cells.gates(architecture.getCell()) * hidden;
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int l = 0; l < architecture.getLayers(); l++) {
            long inputs = l == 0 ? architecture.getInputSize() : hidden;
            shapes.put(layerParameter(l, "W_ih"), new long[] {inputs, gated});
            shapes.put(layerParameter(l, "W_hh"), new long[] {hidden, gated});
            shapes.put(layerParameter(l, "b_ih"), new long[] {1, gated});
            shapes.put(layerParameter(l, "b_hh"), new long[] {1, gated});
        }
        long out = DenseHead.outputSize(architecture.getHead(), architecture.getHorizon());
        shapes.put(Head.WEIGHT, new long[] {hidden, out});
        shapes.put(Head.BIAS, new long[] {1, out});
        return shapes;
    }
}
