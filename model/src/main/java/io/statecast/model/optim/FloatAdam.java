package io.statecast.model.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's update of one FLOAT parameter as a single pass over its buffers, instead of a dozen ND4J ops
 * (each a native call and a pass over memory). It performs the same float operations in the same
 * order as {@link Adam}'s ND4J ops, with the same float-rounded constants, so results are identical.
 * Only for arrays that own their whole buffer in the same ordering (no views).
 */
final class FloatAdam {

    private FloatAdam() {}

    /** True when every array is FLOAT, not a view, uses its whole buffer and all share one ordering. */
    static boolean applies(INDArray parameter, INDArray gradient, INDArray m, INDArray v) {
        char order = parameter.ordering();
        for (INDArray a : new INDArray[] {parameter, gradient, m, v}) {
            if (a.dataType() != DataType.FLOAT || a.isView() || a.ordering() != order
                    || a.data().length() != a.length()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p += step · m / (sqrt(v / c2) + ε)}, where
     * {@code step = −lr / (1−β1^t)} and {@code c2 = 1−β2^t}.
     */
    static void update(INDArray parameter, INDArray gradient, INDArray m, INDArray v, double beta1,
            double beta2, double epsilon, double secondCorrection, double step) {
        FloatBuffer p = parameter.data().asNioFloat();
        FloatBuffer g = gradient.data().asNioFloat();
        FloatBuffer m1 = m.data().asNioFloat();
        FloatBuffer v2 = v.data().asNioFloat();
        // ND4J applies a double scalar to a FLOAT array as a float: round the constants the same way.
        float b1 = (float) beta1;
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        float correction = (float) secondCorrection;
        float eps = (float) epsilon;
        float rate = (float) step;
        int n = (int) parameter.length();
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = m1.get(i) * b1 + gi * c1;
            float vi = v2.get(i) * b2 + gi * gi * c2;
            // Float sqrt through double is correctly rounded, as the native sqrtf is.
            float u = mi / ((float) Math.sqrt(vi / correction) + eps);
            m1.put(i, mi);
            v2.put(i, vi);
            p.put(i, p.get(i) + u * rate);
        }
    }
}
