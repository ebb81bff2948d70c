package io.statecast.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FastActivationsTest {

    @Test
    void tanhWithinAFewFloatUlpsOfMathTanh() {
        double maxAbs = 0;
        double maxRelSmall = 0;
        for (float x = -20f; x <= 20f; x += 1e-4f) {
            double exact = Math.tanh(x);
            double err = Math.abs(FastActivations.tanh(x) - exact);
            maxAbs = Math.max(maxAbs, err);
            if (Math.abs(exact) > 1e-30) {
                maxRelSmall = Math.max(maxRelSmall, err / Math.abs(exact));
            }
        }
        // float's own rounding near ±1 is 6e-8; 5e-7 is a few ulps.
        assertThat(maxAbs).isLessThan(5e-7);
        assertThat(maxRelSmall).isLessThan(1e-6);
        assertThat(FastActivations.tanh(1e-20f)).isEqualTo(1e-20f, org.assertj.core.data.Offset
                .offset(1e-26f));
        assertThat(FastActivations.tanh(1e30f)).isBetween(0.9999997f, 1f);
        assertThat(FastActivations.tanh(-1e30f)).isBetween(-1f, -0.9999997f);
    }

    @Test
    void gateSigmoidWithinAFewFloatUlps() {
        int n = 600_001;
        float[] a = new float[n];
        float[] zero = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = -30f + i * 1e-4f;
        }
        float[] x = a.clone();
        // As a kernel computes a sigmoid gate: halved weights, one tanh pass, 0.5 + 0.5 t where read.
        for (int i = 0; i < n; i++) {
            a[i] *= 0.5f;
        }
        GateKernel.tanhOfSum(a, zero, n);
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            double exact = 1 / (1 + Math.exp(-x[i]));
            maxAbs = Math.max(maxAbs, Math.abs((0.5f + 0.5f * a[i]) - exact));
        }
        assertThat(maxAbs).isLessThan(5e-7);
    }

    @Test
    void nanPropagates() {
        assertThat(FastActivations.tanh(Float.NaN)).isNaN();
    }
}
