package io.statecast.model.interop;

import io.statecast.model.cell.ParamNames;
import io.statecast.model.head.Head;
import io.statecast.model.snapshot.InvalidSnapshotException;
import io.statecast.model.snapshot.ParameterLayout;
import io.statecast.model.snapshot.SnapshotValidator;
import io.statecast.schemas.Architecture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps a PyTorch state dict of {@code nn.RNN} / {@code nn.LSTM} / {@code nn.GRU} (unidirectional,
 * with biases) plus an {@code nn.Linear} head to our parameter names: {@code {rnn}weight_ih_l{l}}
 * {@code [G·H, in]} → {@code layer{l}.W_ih} (transposed), {@code weight_hh_l{l}} → {@code W_hh}
 * (transposed), {@code bias_ih_l{l}} / {@code bias_hh_l{l}} {@code [G·H]} → {@code [1, G·H]},
 * {@code {head}weight [out, H]} → {@code head.W} (transposed), {@code {head}bias} → {@code head.b}.
 * Gate order needs no change: PyTorch's LSTM (i, f, g, o) and GRU (r, z, n) blocks are ours.
 */
public final class PyTorchImporter {

    private static final String FIRST_RNN_WEIGHT = "weight_ih_l0";

    private PyTorchImporter() {}

    /** Reads a {@code numpy.savez} state dict and imports it with detected prefixes. */
    public static Map<String, INDArray> readNpz(
            Path npz, Architecture architecture, DataType dataType) {
        return importStateDict(Npz.read(npz), architecture, dataType);
    }

    /**
     * Imports with the prefixes detected from the keys: the recurrent module's is whatever precedes
     * {@code weight_ih_l0} (e.g. {@code rnn.}), the head's whatever precedes the one other
     * {@code weight} (e.g. {@code head.}).
     */
    public static Map<String, INDArray> importStateDict(
            Map<String, INDArray> stateDict, Architecture architecture, DataType dataType) {
        List<String> rnn =
                stateDict.keySet().stream().filter(k -> k.endsWith(FIRST_RNN_WEIGHT)).toList();
        if (rnn.size() != 1) {
            throw new InvalidSnapshotException(
                    FIRST_RNN_WEIGHT,
                    "must occur in exactly one key to detect "
                            + "the recurrent module's prefix; found "
                            + rnn
                            + " among "
                            + stateDict.keySet());
        }
        String rnnPrefix = rnn.get(0).substring(0, rnn.get(0).length() - FIRST_RNN_WEIGHT.length());
        List<String> heads =
                stateDict.keySet().stream()
                        .filter(
                                k ->
                                        !k.startsWith(rnnPrefix + "weight_")
                                                && (k.equals("weight") || k.endsWith(".weight")))
                        .toList();
        if (heads.size() != 1) {
            throw new InvalidSnapshotException(
                    "weight",
                    "of the Linear head must occur in exactly one key "
                            + "outside the recurrent module; found "
                            + heads
                            + " among "
                            + stateDict.keySet());
        }
        String headPrefix = heads.get(0).substring(0, heads.get(0).length() - "weight".length());
        return importStateDict(stateDict, architecture, rnnPrefix, headPrefix, dataType);
    }

    /**
     * Imports {@code stateDict} for {@code architecture}, converting to {@code dataType}.
     *
     * @param rnnPrefix prefix of the recurrent module's keys, e.g. {@code "rnn."} or {@code ""}
     * @param headPrefix prefix of the Linear head's keys, e.g. {@code "head."}
     * @return new C-ordered arrays under our names, in {@link ParameterLayout} order
     * @throws InvalidSnapshotException naming the PyTorch key that is missing, extra or mis-shaped
     */
    public static Map<String, INDArray> importStateDict(
            Map<String, INDArray> stateDict,
            Architecture architecture,
            String rnnPrefix,
            String headPrefix,
            DataType dataType) {
        SnapshotValidator.validateArchitecture(architecture);
        Map<String, String> sources = pytorchNames(architecture, rnnPrefix, headPrefix);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> expected :
                ParameterLayout.expectedShapes(architecture).entrySet()) {
            String ours = expected.getKey();
            String theirs = sources.get(ours);
            INDArray tensor = stateDict.get(theirs);
            if (tensor == null) {
                throw new InvalidSnapshotException(
                        theirs,
                        "is missing from the state dict (needed for "
                                + ours
                                + "); keys present: "
                                + new TreeSet<>(stateDict.keySet()));
            }
            boolean bias = ours.equals(Head.BIAS) || ours.contains(".b_");
            parameters.put(ours, convert(theirs, tensor, bias, expected.getValue(), dataType));
        }
        TreeSet<String> extra = new TreeSet<>(stateDict.keySet());
        extra.removeAll(sources.values());
        if (!extra.isEmpty()) {
            throw new InvalidSnapshotException(
                    extra.first(),
                    "is not part of a "
                            + architecture.getLayers()
                            + "-layer unidirectional "
                            + architecture.getCell()
                            + " with a Linear head; unexpected keys "
                            + extra
                            + (extra.stream().anyMatch(k -> k.contains("_reverse"))
                                    ? " (bidirectional RNNs are not supported)"
                                    : ""));
        }
        return parameters;
    }

    /** Our name → PyTorch key, in layout order. */
    static Map<String, String> pytorchNames(
            Architecture architecture, String rnnPrefix, String headPrefix) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int l = 0; l < architecture.getLayers(); l++) {
            names.put(ParamNames.wIh(l), rnnPrefix + "weight_ih_l" + l);
            names.put(ParamNames.wHh(l), rnnPrefix + "weight_hh_l" + l);
            names.put(ParamNames.bIh(l), rnnPrefix + "bias_ih_l" + l);
            names.put(ParamNames.bHh(l), rnnPrefix + "bias_hh_l" + l);
        }
        names.put(Head.WEIGHT, headPrefix + "weight");
        names.put(Head.BIAS, headPrefix + "bias");
        return names;
    }

    /** A PyTorch weight {@code [rows, cols]} transposed; a bias {@code [n]} as {@code [1, n]}. */
    private static INDArray convert(
            String key, INDArray tensor, boolean bias, long[] ours, DataType dataType) {
        long[] theirs = bias ? new long[] {ours[1]} : new long[] {ours[1], ours[0]};
        if (!Arrays.equals(tensor.shape(), theirs)) {
            throw new InvalidSnapshotException(
                    key,
                    "has shape "
                            + Arrays.toString(tensor.shape())
                            + "; expected "
                            + Arrays.toString(theirs)
                            + " (PyTorch layout of our "
                            + Arrays.toString(ours)
                            + ")");
        }
        INDArray converted = bias ? tensor.reshape(ours) : tensor.transpose();
        return converted.castTo(dataType).dup('c');
    }
}
