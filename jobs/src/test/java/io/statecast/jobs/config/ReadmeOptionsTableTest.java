package io.statecast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.statecast.jobs.forecast.ForecastOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is generated from the options; this keeps the two equal. */
class ReadmeOptionsTableTest {

    @Test
    void readmeCarriesTheForecastJobOptionsTable() throws Exception {
        String table = OptionsTable.markdown(ForecastOptions.all());
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).as("README.md must contain this table (regenerate it from ForecastOptions):%n%s", table)
                .contains(table);
    }
}
