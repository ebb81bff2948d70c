package io.statecast.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdamTest {

    @Test
    void twoStepsMatchTheHandComputedUpdate() {
        Map<String, INDArray> params = Map.of("p", Nd4j.create(new double[][] {{1.0, -2.0}}));
        Map<String, INDArray> grads = Map.of("p", Nd4j.create(new double[][] {{0.5, 4.0}}));
        Adam adam = new Adam(0.1);
        adam.step(params, grads);
        // t = 1: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g² → p −= 0.1·g / (|g| + 1e-8)
        assertThat(params.get("p").getDouble(0))
                .isCloseTo(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), within(1e-15));
        assertThat(params.get("p").getDouble(1))
                .isCloseTo(-2.0 - 0.1 * 4 / (4 + 1e-8), within(1e-15));

        grads.get("p").assign(Nd4j.create(new double[][] {{-0.25, 4.0}}));
        adam.step(params, grads);
        // t = 2, first element: m = 0.9·0.05 + 0.1·(−0.25) = 0.02; v = 0.999·0.00025 + 0.001·0.0625
        // (torch.optim.Adam gives 0.8733663 for this element)
        double m = 0.02;
        double v = 0.00031225;
        double update = 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.998001)) + 1e-8);
        assertThat(params.get("p").getDouble(0))
                .isCloseTo(1.0 - 0.1 * 0.5 / (0.5 + 1e-8) - update, within(1e-14));
        // a constant gradient moves by lr per step (m̂ = g, v̂ = g²)
        assertThat(params.get("p").getDouble(1)).isCloseTo(-2.2, within(1e-8));
        assertThat(adam.steps()).isEqualTo(2);
    }

    @Test
    void theOnePassFloatUpdateGivesExactlyTheFloatsOfTheNd4jOps() {
        // 'c' arrays take the one-pass path; an 'f'-ordered gradient sends the same values through ND4J.
        assertThat(FloatAdam.applies(Nd4j.zeros(DataType.FLOAT, 7, 5), Nd4j.zeros(DataType.FLOAT, 7, 5),
                Nd4j.zeros(DataType.FLOAT, 7, 5), Nd4j.zeros(DataType.FLOAT, 7, 5))).isTrue();
        assertThat(FloatAdam.applies(Nd4j.zeros(DataType.FLOAT, 7, 5), Nd4j.zeros(DataType.FLOAT, 7, 5).dup('f'),
                Nd4j.zeros(DataType.FLOAT, 7, 5), Nd4j.zeros(DataType.FLOAT, 7, 5))).isFalse();
        Nd4j.getRandom().setSeed(3);
        INDArray start = Nd4j.randn(DataType.FLOAT, 7, 5);
        Map<String, INDArray> onePass = Map.of("p", start.dup('c'));
        Map<String, INDArray> ops = Map.of("p", start.dup('c'));
        Adam a = new Adam(0.01);
        Adam b = new Adam(0.01);
        for (int i = 0; i < 50; i++) {
            // Tiny gradients now and then, so that ε matters.
            INDArray g = Nd4j.randn(DataType.FLOAT, 7, 5).muli(i % 5 == 0 ? 1e-7 : 1);
            a.step(onePass, Map.of("p", g.dup('c')));
            b.step(ops, Map.of("p", g.dup('f')));
        }
        assertThat(onePass.get("p").data().asFloat()).containsExactly(ops.get("p").data().asFloat());
        assertThat(onePass.get("p").equalsWithEps(start, 1e-3)).as("the parameters moved").isFalse();
    }

    @Test
    void minimisesAQuadraticInFloat() {
        INDArray target = Nd4j.create(new float[][] {{3, -1}, {0.5f, 2}});
        INDArray curvature = Nd4j.create(new float[][] {{1, 10}, {0.1f, 4}});
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("w", Nd4j.zeros(DataType.FLOAT, 2, 2));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put("w", Nd4j.zeros(DataType.FLOAT, 2, 2));
        Adam adam = new Adam(0.05);
        for (int i = 0; i < 2000; i++) {
            // f = 0.5·Σ a·(w − c)², ∇f = a ⊙ (w − c)
            grads.get("w").assign(params.get("w")).subi(target).muli(curvature);
            adam.step(params, grads);
        }
        assertThat(params.get("w").equalsWithEps(target, 1e-3))
                .as("w = %s", params.get("w"))
                .isTrue();
    }

    @Test
    void updatesParameterViewsAndMixedOrderingsElementWise() {
        INDArray storage = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        INDArray view = storage.get(all(), interval(1, 3));
        INDArray gradient = Nd4j.create(new double[] {1, -2, 3, -4}, new long[] {2, 2}, 'f');
        new Sgd(0.5).step(Map.of("v", view), Map.of("v", gradient));
        assertThat(storage)
                .isEqualTo(Nd4j.create(new double[][] {{0, -0.5, -1.5, 0}, {0, 1, 2, 0}}));
    }

    @Test
    void rejectsMismatchedGradientMaps() {
        Map<String, INDArray> params = Map.of("a", Nd4j.zeros(DataType.FLOAT, 2, 3));
        Adam adam = new Adam(0.01);
        assertThatThrownBy(() -> adam.step(params, Map.of("b", Nd4j.zeros(DataType.FLOAT, 2, 3))))
                .hasMessageContaining("parameters [a], gradients [b]");
        assertThatThrownBy(() -> adam.step(params, Map.of("a", Nd4j.zeros(DataType.FLOAT, 3, 2))))
                .hasMessageContaining(
                        "gradient of a is FLOAT[3, 2] but the parameter is FLOAT[2, 3]");
        assertThatThrownBy(() -> new Adam(0))
                .hasMessageContaining("learning rate must be positive");
        assertThatThrownBy(() -> new Adam(0.1, 1.0, 0.999, 1e-8)).hasMessageContaining("betas");
        assertThatThrownBy(() -> new Sgd(0.1, 1.0))
                .hasMessageContaining("momentum must be in [0, 1)");
    }
}
