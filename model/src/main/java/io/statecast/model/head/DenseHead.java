package io.statecast.model.head;

import io.statecast.schemas.HeadType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every head type as one affine projection {@code y = h·W + b}; the type decides the output width
 * ({@link #outputSize(HeadType, int)}) and whether every step or only the last one is projected.
 * Per-step heads fold {@code [batch, steps, H]} into {@code [batch·steps, H]} so one matrix product
 * covers the whole sequence.
 */
public final class DenseHead implements Head {

    private final HeadType type;
    private final INDArray weight;
    private final INDArray bias;

    /**
     * Wraps existing parameters (not copied): {@code weight [H, out]}, {@code bias [1, out]}, where
     * {@code out} must match the type (1 for PER_STEP / LAST_STEP, even for GAUSSIAN).
     */
    public DenseHead(HeadType type, INDArray weight, INDArray bias) {
        this.type = Objects.requireNonNull(type, "head type");
        this.weight = Objects.requireNonNull(weight, WEIGHT);
        this.bias = Objects.requireNonNull(bias, BIAS);
        if (weight.rank() != 2 || weight.size(0) < 1 || weight.size(1) < 1) {
            throw new IllegalArgumentException(
                    WEIGHT
                            + " must be [H, out] with H, out >= 1, got "
                            + Arrays.toString(weight.shape()));
        }
        long out = weight.size(1);
        if (!Arrays.equals(bias.shape(), new long[] {1, out})) {
            throw new IllegalArgumentException(
                    BIAS
                            + " must be [1, "
                            + out
                            + "] to match "
                            + WEIGHT
                            + ", got "
                            + Arrays.toString(bias.shape()));
        }
        if (bias.dataType() != weight.dataType()) {
            throw new IllegalArgumentException(
                    BIAS
                            + " is "
                            + bias.dataType()
                            + " but "
                            + WEIGHT
                            + " is "
                            + weight.dataType()
                            + "; use one data type for both");
        }
        boolean single = type == HeadType.PER_STEP || type == HeadType.LAST_STEP;
        if (single && out != 1 || type == HeadType.GAUSSIAN && out % 2 != 0) {
            throw new IllegalArgumentException(
                    type
                            + " head cannot have "
                            + out
                            + " outputs; expected "
                            + (single ? "1" : "2·horizon (means then log-variances)"));
        }
    }

    /**
     * A new head with Glorot-uniform weights drawn from {@code seed} (the same on every machine, as
     * java.util's generator is specified) and zero bias, like TF's dense layer.
     */
    public static DenseHead initialise(
            HeadType type, int hiddenSize, int horizon, DataType dataType, long seed) {
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hidden size must be >= 1, got " + hiddenSize);
        }
        int out = outputSize(type, horizon);
        double limit = Math.sqrt(6.0 / (hiddenSize + out));
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[hiddenSize * out];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * limit;
        }
        INDArray weight =
                Nd4j.create(values, new long[] {hiddenSize, out}, DataType.DOUBLE).castTo(dataType);
        return new DenseHead(type, weight, Nd4j.zeros(dataType, 1, out));
    }

    /** A head over {@value #WEIGHT} and {@value #BIAS} of {@code parameters} (shared, not copied). */
    public static DenseHead fromParameters(HeadType type, Map<String, INDArray> parameters) {
        INDArray weight = parameters.get(WEIGHT);
        INDArray bias = parameters.get(BIAS);
        if (weight == null || bias == null) {
            throw new IllegalArgumentException(
                    "parameters lack "
                            + (weight == null ? WEIGHT : BIAS)
                            + "; have "
                            + parameters.keySet());
        }
        return new DenseHead(type, weight, bias);
    }

    /** Columns of {@value #WEIGHT}: 1 (PER_STEP, LAST_STEP), h (MULTI_HORIZON), 2h (GAUSSIAN). */
    public static int outputSize(HeadType type, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        return switch (type) {
            case PER_STEP, LAST_STEP -> 1;
            case MULTI_HORIZON -> horizon;
            case GAUSSIAN -> 2 * horizon;
        };
    }

    @Override
    public HeadType type() {
        return type;
    }

    @Override
    public int hiddenSize() {
        return (int) weight.size(0);
    }

    @Override
    public int outputSize() {
        return (int) weight.size(1);
    }

    @Override
    public boolean perStep() {
        return type == HeadType.PER_STEP;
    }

    @Override
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameters.put(WEIGHT, weight);
        parameters.put(BIAS, bias);
        return parameters;
    }

    @Override
    public INDArray forward(INDArray hidden) {
        INDArray out = Nd4j.create(weight.dataType(), outputShape(hidden), 'c');
        forward(hidden, out);
        return out;
    }

    @Override
    public void forward(INDArray hidden, INDArray out) {
        long[] expected = outputShape(hidden);
        if (!Arrays.equals(out.shape(), expected)
                || out.ordering() != 'c'
                || !Shape.isContiguousInBuffer(out)
                || out.dataType() != weight.dataType()) {
            throw new IllegalArgumentException(
                    "output buffer must be a C-ordered, contiguous "
                            + weight.dataType()
                            + " array of shape "
                            + Arrays.toString(expected)
                            + ", got "
                            + out.dataType()
                            + " "
                            + Arrays.toString(out.shape())
                            + " order "
                            + out.ordering());
        }
        INDArray rows = asRows(out);
        Nd4j.gemm(asRows(hidden), weight, rows, false, false, 1.0, 0.0);
        rows.addiRowVector(bias);
    }

    @Override
    public INDArray backward(INDArray hidden, INDArray dOut, Map<String, INDArray> gradients) {
        long[] expected = outputShape(hidden);
        if (!Arrays.equals(dOut.shape(), expected)) {
            throw new IllegalArgumentException(
                    "dL/dOutput must have the output's shape "
                            + Arrays.toString(expected)
                            + ", got "
                            + Arrays.toString(dOut.shape()));
        }
        INDArray hiddenRows = asRows(hidden);
        INDArray dOutRows = asRows(dOut);
        INDArray dWeight = gradientBuffer(gradients, WEIGHT, weight);
        INDArray dBias = gradientBuffer(gradients, BIAS, bias);
        Nd4j.gemm(hiddenRows, dOutRows, dWeight, true, false, 1.0, 0.0);
        dOutRows.sum(dBias, 0);
        INDArray dHidden = Nd4j.create(weight.dataType(), hidden.shape(), 'c');
        Nd4j.gemm(dOutRows, weight, asRows(dHidden), false, true, 1.0, 0.0);
        return dHidden;
    }

    private long[] outputShape(INDArray hidden) {
        int rank = perStep() ? 3 : 2;
        if (hidden.rank() != rank
                || hidden.size(rank - 1) != weight.size(0)
                || hidden.dataType() != weight.dataType()) {
            throw new IllegalArgumentException(
                    type
                            + " head expects hidden "
                            + weight.dataType()
                            + (perStep() ? "[batch, steps, " : "[batch, ")
                            + weight.size(0)
                            + "], got "
                            + hidden.dataType()
                            + Arrays.toString(hidden.shape()));
        }
        return perStep()
                ? new long[] {hidden.size(0), hidden.size(1), weight.size(1)}
                : new long[] {hidden.size(0), weight.size(1)};
    }

    /** A 2-D row view (a copy only for a non-contiguous input) that the projection runs on. */
    private INDArray asRows(INDArray array) {
        if (array.rank() == 2) {
            return array;
        }
        return array.reshape('c', new long[] {array.size(0) * array.size(1), array.size(2)});
    }

    private static INDArray gradientBuffer(
            Map<String, INDArray> gradients, String name, INDArray param) {
        INDArray buffer = gradients.get(name);
        if (buffer == null
                || !Arrays.equals(buffer.shape(), param.shape())
                || buffer.dataType() != param.dataType()) {
            buffer = Nd4j.create(param.dataType(), param.shape(), 'c');
            gradients.put(name, buffer);
        }
        return buffer;
    }
}
