package io.statecast.cli.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.cli.offline.ForecastCsv.SeriesWindow;
import io.statecast.model.offline.SeriesForecasts;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastCsvTest {

    private static final double N = Double.NaN;
    private static final long[] TIMES = {0, 60_000, 120_000};

    @Test
    void writesTheTestPartOfOneStepForecastsWithEmptyBoundsWithoutIntervals() throws IOException {
        SeriesForecasts f = new SeriesForecasts("s,1", new double[] {1, 2, 3},
                new double[][] {{N, 1.5, 2.5}}, new double[][] {{N, N, N}},
                new double[][] {{N, N, N}});
        StringWriter out = new StringWriter();
        ForecastCsv.write(out, List.of(new SeriesWindow(f, TIMES, 1)));
        assertThat(out.toString()).isEqualTo("series_id,timestamp,actual,forecast,lower,upper\n"
                + "\"s,1\",1970-01-01T00:01:00Z,2.0,1.5,,\n"
                + "\"s,1\",1970-01-01T00:02:00Z,3.0,2.5,,\n");
    }

    @Test
    void addsAHorizonColumnAndOneRowPerStepAheadForMultiStepModels() throws IOException {
        SeriesForecasts f = new SeriesForecasts("a", new double[] {1, 2, 3},
                new double[][] {{N, N, 2.5}, {N, N, 2.25}},
                new double[][] {{N, N, 2.0}, {N, N, 1.0}},
                new double[][] {{N, N, 3.0}, {N, N, 3.5}});
        StringWriter out = new StringWriter();
        ForecastCsv.write(out, List.of(new SeriesWindow(f, TIMES, 2)));
        assertThat(out.toString()).isEqualTo(
                "series_id,timestamp,actual,forecast,lower,upper,horizon\n"
                + "a,1970-01-01T00:02:00Z,3.0,2.5,2.0,3.0,1\n"
                + "a,1970-01-01T00:02:00Z,3.0,2.25,1.0,3.5,2\n");
    }
}
