package io.statecast.cli;

import io.statecast.kafka.TopicCreator;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/**
 * The broker options shared by the client commands, and the check that the broker answers and the
 * topic exists before any work starts, so an unreachable broker fails fast with its address.
 */
public final class BrokerOptions {

    @Option(names = {"-b", "--bootstrap"}, required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, e.g. 127.0.0.1:9092.")
    String bootstrap;

    @Option(names = "--connect-timeout", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Give up on an unreachable broker after this (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    public String bootstrap() {
        return bootstrap;
    }

    /** Client settings every producer/consumer/admin of the CLI starts from: bounded waits everywhere. */
    public Properties clientProperties() {
        int timeoutMs = (int) connectTimeout.toMillis();
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(timeoutMs, 30_000));
        return p;
    }

    /**
     * Fails with exit code 3 unless a broker at {@link #bootstrap} answers within the connect timeout,
     * and with exit code 2 unless {@code topic} exists there.
     */
    public void requireTopic(String topic) {
        Properties p = clientProperties();
        p.put(AdminClientConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        try (Admin admin = Admin.create(p)) {
            long ms = connectTimeout.toMillis();
            admin.describeCluster().clusterId().get(ms, TimeUnit.MILLISECONDS);
            Set<String> topics = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
            if (!topics.contains(topic)) {
                throw CliException.usage("topic '" + topic + "' does not exist on " + bootstrap
                        + " (existing: " + String.join(", ", topics.stream().sorted().toList())
                        + "); `statecast kafka` creates the Statecast topics");
            }
            TopicCreator.awaitServing(admin, List.of(topic), connectTimeout);
        } catch (TimeoutException | ExecutionException | KafkaException | IllegalStateException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unavailable("interrupted while connecting to " + bootstrap, e);
        }
    }

    /** The one-line error for a broker that cannot be reached. */
    public CliException unreachable(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return CliException.unavailable("cannot reach a Kafka broker at " + bootstrap + " within "
                + connectTimeout.toMillis() / 1000.0 + " s (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + "); is it running? `statecast kafka` starts one", e);
    }
}
