package io.statecast.cli;

import io.statecast.cli.cluster.FlinkRestClient;
import io.statecast.cli.cluster.FlinkRestException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --jobmanager HOST:PORT}: the Flink REST endpoint that submit and cancel talk to. */
final class JobManagerOption {

    @Option(names = {"-m", "--jobmanager"}, paramLabel = "HOST:PORT", defaultValue = "localhost:8081",
            description = "REST endpoint of the Flink JobManager (default: ${DEFAULT-VALUE}).")
    String jobManager;

    /** A client whose single calls may take up to {@code requestTimeout}. */
    FlinkRestClient client(Duration requestTimeout) {
        try {
            return new FlinkRestClient(jobManager, requestTimeout);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** The CLI error for a failed REST call: exit 3 if unreachable, 5 if the cluster said no. */
    static CliException error(FlinkRestException e) {
        return e.unreachable() ? CliException.unavailable(e.getMessage(), e)
                : CliException.rejected(e.getMessage(), e);
    }
}
