package io.statecast.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianOutputTest {

    /** One row, horizon 2: means 10 and −1, log-variances ln 4 (σ 2) and −40 (clamped). */
    private final INDArray output = Nd4j.create(new double[][] {{10, -1, Math.log(4), -40}});

    @Test
    void splitsMeansAndLogVariances() {
        assertThat(GaussianOutput.horizon(output)).isEqualTo(2);
        assertThat(GaussianOutput.means(output).toDoubleVector()).containsExactly(10, -1);
        assertThat(GaussianOutput.logVariances(output).toDoubleVector())
                .containsExactly(Math.log(4), -40);
    }

    @Test
    void intervalsAreMeanPlusMinusZSigmaWithTheLogVarianceClamped() {
        double clampedSigma = Math.exp(GaussianOutput.MIN_LOG_VARIANCE / 2);
        double[] lower80 = GaussianOutput.lower(output, GaussianOutput.Z_80).toDoubleVector();
        double[] upper95 = GaussianOutput.upper(output, GaussianOutput.Z_95).toDoubleVector();
        assertThat(lower80[0]).isCloseTo(10 - 1.2815515655446004 * 2, within(1e-12));
        assertThat(lower80[1]).isCloseTo(-1 - 1.2815515655446004 * clampedSigma, within(1e-12));
        assertThat(upper95[0]).isCloseTo(10 + 1.959963984540054 * 2, within(1e-12));
        assertThat(GaussianOutput.logVariances(output).getDouble(1))
                .as("input untouched")
                .isEqualTo(-40);
    }

    @Test
    void rejectsOddWidthsAndBadQuantiles() {
        assertThatThrownBy(() -> GaussianOutput.means(Nd4j.create(DataType.DOUBLE, 2, 3)))
                .hasMessageContaining("[batch, 2·horizon], got [2, 3]");
        assertThatThrownBy(() -> GaussianOutput.upper(output, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> GaussianOutput.upper(output, Double.NaN))
                .hasMessageContaining("positive");
    }
}
