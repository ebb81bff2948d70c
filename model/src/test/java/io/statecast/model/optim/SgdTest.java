package io.statecast.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SgdTest {

    @Test
    void momentumAccumulatesVelocity() {
        Map<String, INDArray> params = Map.of("p", Nd4j.create(new double[] {1.0}).reshape(1, 1));
        Map<String, INDArray> grads = Map.of("p", Nd4j.create(new double[] {2.0}).reshape(1, 1));
        Sgd sgd = new Sgd(0.1, 0.9);
        sgd.step(params, grads);
        assertThat(params.get("p").getDouble(0)).isCloseTo(1.0 - 0.1 * 2, within(1e-15));
        sgd.step(params, grads);
        // v = 0.9·2 + 2 = 3.8
        assertThat(params.get("p").getDouble(0)).isCloseTo(0.8 - 0.1 * 3.8, within(1e-15));
    }

    @Test
    void minimisesAQuadratic() {
        INDArray target = Nd4j.create(new double[][] {{3, -1, 0.5}});
        Map<String, INDArray> params = Map.of("w", Nd4j.zeros(DataType.DOUBLE, 1, 3));
        Map<String, INDArray> grads = Map.of("w", Nd4j.zeros(DataType.DOUBLE, 1, 3));
        Sgd sgd = new Sgd(0.1, 0.5);
        for (int i = 0; i < 200; i++) {
            grads.get("w").assign(params.get("w")).subi(target);
            sgd.step(params, grads);
        }
        assertThat(params.get("w").equalsWithEps(target, 1e-6))
                .as("w = %s", params.get("w"))
                .isTrue();
        assertThat(sgd.steps()).isEqualTo(200);
    }
}
