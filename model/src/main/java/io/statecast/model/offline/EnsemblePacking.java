package io.statecast.model.offline;

import io.statecast.model.cell.Cells;
import io.statecast.model.cell.ParamNames;
import io.statecast.model.head.Head;
import io.statecast.model.snapshot.ModelSnapshots;
import io.statecast.model.snapshot.SnapshotBuilder;
import io.statecast.schemas.Architecture;
import io.statecast.schemas.ModelSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Packs K trained networks of one architecture (H units per layer) into one network of K·H units
 * whose forecast is exactly the mean of theirs, so a seed ensemble is served by the ordinary
 * serving code with no change. Member k owns units {@code [k·H, (k+1)·H)} of every layer and of
 * every gate block: the recurrent and the deeper input matrices are block-diagonal, so the
 * members' states never mix, and the head averages their projections (a Gaussian head therefore
 * averages the members' means and log-variances). Every member must share the scaling, which
 * holds for members trained on the same data.
 */
public final class EnsemblePacking {

    private EnsemblePacking() {}

    /**
     * @param members trained snapshots with equal architectures and scaling
     * @param createdAt the packed snapshot's creation time
     * @throws IllegalArgumentException for no member or members that differ
     */
    public static ModelSnapshot pack(List<ModelSnapshot> members, Instant createdAt) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        ModelSnapshot first = members.get(0);
        for (ModelSnapshot m : members) {
            if (!m.getArchitecture().equals(first.getArchitecture())
                    || !m.getScaling().equals(first.getScaling())) {
                throw new IllegalArgumentException("ensemble members must share architecture and "
                        + "scaling (train them on the same data with the same settings)");
            }
        }
        if (members.size() == 1) {
            return first;
        }
        Architecture a = first.getArchitecture();
        int k = members.size();
        List<Map<String, INDArray>> params = new ArrayList<>();
        members.forEach(m -> params.add(ModelSnapshots.parameters(m, DataType.FLOAT)));
        Map<String, INDArray> packed = new LinkedHashMap<>();
        int gates = Cells.gates(a.getCell());
        for (String name : params.get(0).keySet()) {
            packed.put(name, pack(name, params, gates, a.getHiddenSize()));
        }
        Architecture wide = Architecture.newBuilder(a).setHiddenSize(k * a.getHiddenSize()).build();
        SnapshotBuilder builder = SnapshotBuilder.forArchitecture(wide)
                .version(first.getVersion()).parentVersion(first.getParentVersion())
                .createdAt(createdAt).parameters(packed).scaling(first.getScaling());
        first.getHyperparameters().forEach((n, v) -> builder.hyperparameter(n.toString(), v));
        builder.hyperparameter("ensemble_members", k)
                .hyperparameter("member_hidden_size", a.getHiddenSize());
        meanMetrics(members, true).forEach(builder::trainingMetric);
        meanMetrics(members, false).forEach(builder::validationMetric);
        return builder.build();
    }

    private static INDArray pack(String name, List<Map<String, INDArray>> params, int gates,
            int hidden) {
        int k = params.size();
        if (name.equals(Head.WEIGHT)) {
            // Rows of member m at [m·H, (m+1)·H), divided by K: the head's output is the mean.
            INDArray out = Nd4j.vstack(params.stream().map(p -> p.get(name)).toList());
            return out.divi(k);
        }
        if (name.equals(Head.BIAS)) {
            INDArray out = params.get(0).get(name).dup();
            params.subList(1, k).forEach(p -> out.addi(p.get(name)));
            return out.divi(k);
        }
        boolean blockRows = isBlockDiagonal(name);
        INDArray one = params.get(0).get(name);
        long rows = blockRows ? one.rows() * (long) k : one.rows();
        INDArray out = Nd4j.zeros(DataType.FLOAT, rows, (long) gates * hidden * k);
        for (int m = 0; m < k; m++) {
            INDArray member = params.get(m).get(name);
            long rowFrom = blockRows ? (long) m * member.rows() : 0;
            for (int g = 0; g < gates; g++) {
                long to = (long) g * hidden * k + (long) m * hidden;
                out.get(NDArrayIndex.interval(rowFrom, rowFrom + member.rows()),
                        NDArrayIndex.interval(to, to + hidden))
                        .assign(member.get(NDArrayIndex.all(),
                                NDArrayIndex.interval((long) g * hidden, (long) (g + 1) * hidden)));
            }
        }
        return out;
    }

    /** Matrices that read a layer's own units (recurrent, a deeper layer's input): per member. */
    private static boolean isBlockDiagonal(String name) {
        if (!name.startsWith("layer") || !name.contains(".")) {
            throw new IllegalArgumentException("cannot pack parameter '" + name + "': not a "
                    + "layer or head parameter");
        }
        int layer = Integer.parseInt(name.substring("layer".length(), name.indexOf('.')));
        return name.equals(ParamNames.wHh(layer))
                || layer > 0 && name.equals(ParamNames.wIh(layer));
    }

    private static Map<String, Double> meanMetrics(List<ModelSnapshot> members, boolean training) {
        Map<String, Double> mean = new LinkedHashMap<>();
        for (ModelSnapshot m : members) {
            (training ? m.getTrainingMetrics() : m.getValidationMetrics()).forEach(
                    (n, v) -> mean.merge("member_mean_" + n, v / members.size(), Double::sum));
        }
        return mean;
    }
}
