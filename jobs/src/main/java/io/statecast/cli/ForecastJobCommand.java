package io.statecast.cli;

import io.statecast.jobs.config.OptionsTable;
import io.statecast.jobs.forecast.ForecastIo;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.forecast.InitialModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code statecast forecast-job}: the ForecastJob on an in-process Flink cluster against any broker. */
@Command(name = "forecast-job", mixinStandardHelpOptions = true,
        description = {"Run the ForecastJob locally (an in-process Flink mini-cluster) against a Kafka broker "
                + "until Ctrl-C. Any job option can be set with -D key=value; the table below lists them."},
        footerHeading = "%nJob options (-D key=value; kafka.* settings go to the Kafka clients):%n")
final class ForecastJobCommand implements Callable<Integer> {

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (same as -D bootstrap.servers=...).")
    String bootstrap;

    @Option(names = "--model", paramLabel = "FILE",
            description = "ModelSnapshot file to serve first (same as -D model.file=...); default: the newest "
                    + "snapshot on the models topic.")
    Path model;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A job option or kafka.* client setting; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    static String optionsFooter() {
        return OptionsTable.plainText(ForecastOptions.all());
    }

    @Override
    public Integer call() throws Exception {
        Configuration conf = configuration();
        byte[] initial;
        try {
            ForecastOptions.validate(conf);
            initial = InitialModel.resolve(conf, Duration.ofSeconds(15));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ForecastJob.configure(env, conf);
        ForecastJob.buildPipeline(env, ForecastIo.kafka(conf), conf, initial);
        try (StopSignal stop = new StopSignal(Duration.ofSeconds(60))) {
            JobClient job = env.executeAsync("statecast-forecast");
            spec.commandLine().getOut().println("ForecastJob " + job.getJobID() + " running against "
                    + conf.get(ForecastOptions.BOOTSTRAP_SERVERS) + "; reading " + conf.get(ForecastOptions.EVENTS_TOPIC)
                    + ", writing " + conf.get(ForecastOptions.FORECASTS_TOPIC) + ". Ctrl-C stops it.");
            spec.commandLine().getOut().flush();
            stop.await();
            job.cancel().get();
        }
        return ExitCodes.OK;
    }

    Configuration configuration() {
        Map<String, String> all = new LinkedHashMap<>(settings);
        if (bootstrap != null) {
            all.put(ForecastOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
        }
        if (model != null) {
            all.put(ForecastOptions.MODEL_FILE.key(), model.toString());
        }
        try {
            return Configuration.fromMap(all);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
