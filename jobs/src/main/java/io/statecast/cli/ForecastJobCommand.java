package io.statecast.cli;

import io.statecast.jobs.config.OptionsTable;
import io.statecast.jobs.forecast.ForecastIo;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.forecast.ForecastOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;

/** {@code statecast forecast-job}: the ForecastJob on an in-process Flink cluster against any broker. */
@Command(name = "forecast-job", mixinStandardHelpOptions = true,
        description = {"Run the ForecastJob locally (an in-process Flink mini-cluster) against a Kafka broker "
                + "until Ctrl-C. Any job option can be set with -D key=value; the table below lists them."},
        footerHeading = "%nJob options (-D key=value; kafka.* settings go to the Kafka clients):%n")
final class ForecastJobCommand extends LocalJobCommand {

    static String optionsFooter() {
        return OptionsTable.plainText(ForecastOptions.all());
    }

    @Override
    void validate(Configuration conf) {
        ForecastOptions.validate(conf);
    }

    @Override
    void build(StreamExecutionEnvironment env, Configuration conf, byte[] initialModel) {
        ForecastJob.configure(env, conf);
        ForecastJob.buildPipeline(env, ForecastIo.kafka(conf), conf, initialModel);
    }

    @Override
    String describe(Configuration conf) {
        return "reading " + conf.get(ForecastOptions.EVENTS_TOPIC) + ", writing "
                + conf.get(ForecastOptions.FORECASTS_TOPIC);
    }
}
