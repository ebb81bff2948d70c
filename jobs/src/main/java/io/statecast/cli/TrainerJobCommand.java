package io.statecast.cli;

import io.statecast.jobs.config.OptionsTable;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.trainer.RetrainSettings;
import io.statecast.jobs.trainer.TrainerJob;
import io.statecast.jobs.trainer.TrainerOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;

/** {@code statecast trainer-job}: the sidecar TrainerJob on an in-process Flink cluster against any broker. */
@Command(name = "trainer-job", mixinStandardHelpOptions = true,
        description = {"Run the sidecar TrainerJob locally against a Kafka broker until Ctrl-C: it learns from "
                + "the events topic and publishes better models to the models topic, which a running "
                + "ForecastJob swaps in. Any option can be set with -D key=value; the table below lists them."},
        footerHeading = "%nJob options (-D key=value; kafka.* settings go to the Kafka clients):%n")
final class TrainerJobCommand extends LocalJobCommand {

    static String optionsFooter() {
        return OptionsTable.plainText(TrainerOptions.all());
    }

    @Override
    void validate(Configuration conf) {
        RetrainSettings.from(conf);
    }

    @Override
    void build(StreamExecutionEnvironment env, Configuration conf, byte[] initialModel) {
        TrainerJob.configure(env, conf);
        TrainerJob.buildPipeline(env, TrainerJob.TrainerIo.kafka(conf), conf, initialModel);
    }

    @Override
    String describe(Configuration conf) {
        return "learning from " + conf.get(ForecastOptions.EVENTS_TOPIC) + ", publishing to "
                + conf.get(ForecastOptions.MODELS_TOPIC);
    }
}
