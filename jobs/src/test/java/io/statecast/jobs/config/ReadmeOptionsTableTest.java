package io.statecast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.trainer.TrainerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** The README's configuration tables are generated from the options; this keeps them equal. */
class ReadmeOptionsTableTest {

    @Test
    void readmeCarriesTheForecastJobOptionsTable() throws Exception {
        assertReadmeContains(ForecastOptions.all(), "ForecastOptions");
    }

    @Test
    void readmeCarriesTheTrainerJobOptionsTable() throws Exception {
        assertReadmeContains(TrainerOptions.all(), "TrainerOptions");
    }

    private static void assertReadmeContains(List<ConfigOption<?>> options, String source) throws Exception {
        String table = OptionsTable.markdown(options);
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).as("README.md must contain this table (regenerate it from %s):%n%s", source, table)
                .contains(table);
    }
}
