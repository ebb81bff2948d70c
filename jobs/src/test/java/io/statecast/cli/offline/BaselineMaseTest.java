package io.statecast.cli.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statecast.cli.offline.SeriesFile.Series;
import io.statecast.model.offline.Accuracy;
import io.statecast.model.offline.Baselines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation reproduces R's: on the bundled R series, the split, the guessed season, the MASE
 * scale and the naive and seasonal naive MASE equal the baselines file's (forecast::accuracy).
 */
class BaselineMaseTest {

    static final Path DATA = Path.of("src/main/resources/datasets/r-datasets-dev.csv");
    private static final Path BASELINES =
            Path.of("src/test/resources/datasets/r-datasets-dev-baselines.csv");

    @Test
    void naiveAndSeasonalNaiveMaseMatchTheBaselinesFile() throws IOException {
        Map<String, Series> series = SeriesFile.read(DATA);
        List<String> rows = Files.readAllLines(BASELINES);
        assertThat(rows.get(0)).startsWith("series_id,n,n_test,m,scale,mase_naive,mase_snaive");
        assertThat(rows).hasSize(8);
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            Series s = series.get(f[0]);
            double[] y = s.values();
            int trainEnd = (int) Math.floor(y.length * 0.8);
            int m = Seasons.guess(s.timestamps());
            assertThat(y.length).as(f[0]).isEqualTo(Integer.parseInt(f[1]));
            assertThat(y.length - trainEnd).as(f[0]).isEqualTo(Integer.parseInt(f[2]));
            assertThat(m).as(f[0]).isEqualTo(Integer.parseInt(f[3]));
            double scale = Accuracy.maseScale(y, trainEnd, m);
            assertThat(scale).as(f[0]).isCloseTo(Double.parseDouble(f[4]), within(1e-9));
            assertThat(Accuracy.mase(y, Baselines.naive(y), trainEnd, y.length, scale)).as(f[0])
                    .isCloseTo(Double.parseDouble(f[5]), within(1e-9));
            assertThat(Accuracy.mase(y, Baselines.seasonalNaive(y, m), trainEnd, y.length, scale))
                    .as(f[0]).isCloseTo(Double.parseDouble(f[6]), within(1e-9));
        }
    }
}
