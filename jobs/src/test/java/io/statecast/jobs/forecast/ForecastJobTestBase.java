package io.statecast.jobs.forecast;

import io.statecast.jobs.testing.SharedLocalKafka;
import java.nio.file.Path;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every ForecastJob ITCase runs on: the test run's broker, a MiniCluster with two slots (the job
 * at parallelism 2) and a directory for savepoints; {@link #newFixture} gives a test its own topics.
 */
abstract class ForecastJobTestBase {

    static final int SERIES = 6;
    static final int ROWS = 40;

    @RegisterExtension
    static final SharedLocalKafka KAFKA = new SharedLocalKafka();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ForecastJobFixture.miniCluster();

    @TempDir
    Path savepoints;

    /** {@link #SERIES} series of {@link #ROWS} events on fresh topics. */
    ForecastJobFixture newFixture() {
        return ForecastJobFixture.create(KAFKA.get(), SERIES, ROWS, savepoints);
    }
}
