package io.statecast.model.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The book's time-series run, in full (1500 iterations), must reach MSE <= 0.05. */
class GeronTimeSeriesExampleTest {

    @Test
    void reachesTheBooksMseAfter1500Iterations() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GeronTimeSeriesExample.Result result = new GeronTimeSeriesExample()
                .run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String log = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(log);

        assertThat(result.evaluationMse()).isLessThanOrEqualTo(GeronTimeSeriesExample.TARGET_MSE);
        assertThat(result.reachesTarget()).isTrue();
        assertThat(result.batchMse()).containsKeys(0, 100, 1400, 1499).hasSize(16);
        assertThat(result.batchMse().get(1499)).isLessThan(result.batchMse().get(0) / 10);
        assertThat(log).contains("1400\tMSE: ").contains("reached");
        // The test window's targets are the book's series at t = 12.3 .. 14.2.
        assertThat(result.testTargets()[0]).isCloseTo(
                GeronTimeSeriesExample.timeSeries(12.3), org.assertj.core.data.Offset.offset(1e-5));
        double worst = 0;
        for (int k = 0; k < 20; k++) {
            worst = Math.max(worst, Math.abs(result.testPredictions()[k]
                    - result.testTargets()[k]));
        }
        assertThat(worst).as("largest error on the test window").isLessThan(1.0);
    }
}
