package io.statecast.model.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.model.cell.ParamNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GeronSeedExampleTest {

    @Test
    void threeWaysAgreeAndFinalStateIsLastOutput() {
        GeronSeedExample.Outputs o = GeronSeedExample.compute();
        assertThat(o.maxDifference()).isLessThanOrEqualTo(GeronSeedExample.TOLERANCE);
        assertThat(o.finalStateDifference()).isZero();
        assertThat(o.manual()[1].shape()).containsExactly(4, 5);
    }

    @Test
    void outputsMatchPlainJavaFormula() {
        Map<String, INDArray> p = GeronSeedExample.params();
        double[][] wx = p.get(ParamNames.wIh(0)).toDoubleMatrix();
        double[][] wy = p.get(ParamNames.wHh(0)).toDoubleMatrix();
        double[][] y0 = new double[4][5];
        double[][] y1 = new double[4][5];
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 5; j++) {
                double a = 0;
                for (int k = 0; k < 3; k++) {
                    a += GeronSeedExample.X0[r][k] * wx[k][j];
                }
                y0[r][j] = Math.tanh(a);
            }
        }
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 5; j++) {
                double a = 0;
                for (int k = 0; k < 3; k++) {
                    a += GeronSeedExample.X1[r][k] * wx[k][j];
                }
                for (int k = 0; k < 5; k++) {
                    a += y0[r][k] * wy[k][j];
                }
                y1[r][j] = Math.tanh(a);
            }
        }
        GeronSeedExample.Outputs o = GeronSeedExample.compute();
        assertClose(o.dynamicUnroll()[0].toDoubleMatrix(), y0);
        assertClose(o.dynamicUnroll()[1].toDoubleMatrix(), y1);
        // The inputs are large, so some neurons saturate and some do not: a real test of tanh.
        assertThat(y1[1][0]).isBetween(-0.999, 0.999);
    }

    @Test
    void runPrintsBothStepsOfEachWayAndSucceeds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = new GeronSeedExample().run(new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(ok).isTrue();
        assertThat(text).contains("manual", "static unroll", "dynamic unroll",
                "all three equal", ": true");
        assertThat(text.lines().filter("Y1 ="::equals)).hasSize(3);
    }

    private static void assertClose(double[][] actual, double[][] expected) {
        for (int r = 0; r < expected.length; r++) {
            for (int j = 0; j < expected[r].length; j++) {
                assertThat(actual[r][j]).as("[%d][%d]", r, j)
                        .isCloseTo(expected[r][j], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
