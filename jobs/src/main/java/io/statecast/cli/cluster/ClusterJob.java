package io.statecast.cli.cluster;

import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.forecast.ForecastOptions;
import io.statecast.jobs.trainer.TrainerJob;
import io.statecast.jobs.trainer.TrainerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;

/** A job of the cluster jar: its main class and the {@code --key value} options its main accepts. */
public enum ClusterJob {
    FORECAST(ForecastJob.class.getName(), ForecastOptions.all()),
    TRAINER(TrainerJob.class.getName(), TrainerOptions.all());

    /** Settings passed through to the Kafka clients. */
    private static final String KAFKA_PREFIX = "kafka.";

    private final String entryClass;
    private final Set<String> keys;

    ClusterJob(String entryClass, List<ConfigOption<?>> options) {
        this.entryClass = entryClass;
        this.keys = options.stream().map(ConfigOption::key).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code forecast} or {@code trainer}. */
    public static ClusterJob named(String name) {
        for (ClusterJob job : values()) {
            if (job.jobName().equals(name)) {
                return job;
            }
        }
        throw new IllegalArgumentException("unknown job '" + name + "': use forecast or trainer");
    }

    public String jobName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String entryClass() {
        return entryClass;
    }

    /**
     * Checks that {@code args} are {@code --key value} pairs of this job's options (or {@code kafka.*}
     * client settings) and returns them as the program arguments; a relative {@code model.file} becomes
     * absolute, since the JobManager, not this shell, reads it.
     */
    public List<String> programArgs(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            String key = flag.startsWith("--") ? flag.substring(2) : "";
            if (!keys.contains(key) && !(key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length())) {
                throw new IllegalArgumentException("'" + flag + "' is not an option of the " + jobName()
                        + " job: job options are --key value with a key of `statecast " + jobName()
                        + "-job --help` or a kafka.* client setting");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("job option " + flag + " needs a value: " + flag + " VALUE");
            }
            String value = args.get(i + 1);
            if (key.equals(ForecastOptions.MODEL_FILE.key())) {
                value = Path.of(value).toAbsolutePath().toString();
            }
            out.add(flag);
            out.add(value);
        }
        return out;
    }
}
