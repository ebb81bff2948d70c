package io.statecast.cli;

import io.statecast.jobs.demo.InProcessJobs;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.forecast.InitialModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A Statecast job on an in-process Flink cluster against any broker, until Ctrl-C: the options, the initial
 * model (file or models topic) and the run are the same for every job; subclasses build the pipeline.
 */
abstract class LocalJobCommand implements Callable<Integer> {

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (same as -D bootstrap.servers=...).")
    String bootstrap;

    @Option(names = "--model", paramLabel = "FILE",
            description = "ModelSnapshot file to start from (same as -D model.file=...); default: the newest "
                    + "snapshot on the models topic.")
    Path model;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A job option or kafka.* client setting; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    /** Checks the options together; throws IllegalArgumentException saying what to change. */
    abstract void validate(Configuration conf);

    /** Builds the job on {@code env}. */
    abstract void build(StreamExecutionEnvironment env, Configuration conf, byte[] initialModel);

    /** A line saying what the job reads and writes. */
    abstract String describe(Configuration conf);

    @Override
    public Integer call() throws Exception {
        Configuration conf = configuration();
        byte[] initial;
        try {
            validate(conf);
            initial = InitialModel.resolve(conf, Duration.ofSeconds(15));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            // State beyond a few MB (the trainer's replay buffer) does not fit the JobManager's memory.
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    Files.createTempDirectory("statecast-checkpoints").toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        try {
            build(env, conf, initial);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        try (StopSignal stop = new StopSignal(Duration.ofSeconds(60))) {
            JobClient job = env.executeAsync(spec.name());
            spec.commandLine().getOut().println(spec.name() + " " + job.getJobID() + " running against "
                    + conf.get(ForecastOptions.BOOTSTRAP_SERVERS) + ": " + describe(conf) + ". Ctrl-C stops it.");
            spec.commandLine().getOut().flush();
            stop.await();
            InProcessJobs.cancel(job);
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
