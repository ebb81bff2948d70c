package io.statecast.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientClippingTest {

    /** Norms 5 and 12: global norm 13. */
    private static Map<String, INDArray> gradients() {
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        gradients.put("a", Nd4j.create(new double[][] {{3, 4}}));
        gradients.put("b", Nd4j.create(new double[][] {{12}}));
        return gradients;
    }

    @Test
    void scalesAllGradientsByOneFactorWhenOverTheLimit() {
        Map<String, INDArray> gradients = gradients();
        assertThat(GradientClipping.clipByGlobalNorm(gradients, 6.5)).isCloseTo(13, within(1e-12));
        assertThat(gradients.get("a").toDoubleVector()).containsExactly(1.5, 2.0);
        assertThat(gradients.get("b").getDouble(0)).isCloseTo(6, within(1e-12));
        assertThat(GradientClipping.globalNorm(gradients)).isCloseTo(6.5, within(1e-12));
    }

    @Test
    void leavesGradientsUnderTheLimitAlone() {
        Map<String, INDArray> gradients = gradients();
        GradientClipping.clipByGlobalNorm(gradients, 20);
        assertThat(gradients.get("a").toDoubleVector()).containsExactly(3.0, 4.0);
    }

    @Test
    void refusesNonFiniteNormsAndBadLimits() {
        Map<String, INDArray> gradients = gradients();
        gradients.get("b").putScalar(0, Double.NaN);
        assertThatThrownBy(() -> GradientClipping.clipByGlobalNorm(gradients, 1))
                .hasMessageContaining("global norm is NaN");
        assertThatThrownBy(() -> GradientClipping.clipByGlobalNorm(gradients(), 0))
                .hasMessageContaining("max norm must be positive");
    }
}
