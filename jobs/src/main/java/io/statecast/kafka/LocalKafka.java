package io.statecast.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Kafka broker (KRaft, combined broker + controller) running in this JVM from Kafka's
 * own jars: the broker behind {@code statecast kafka}, the integration tests and the benchmarks.
 *
 * <p>It listens on 127.0.0.1 only (advertised the same way, so any client on this machine can use it),
 * formats its storage the way {@code kafka-storage.sh format --standalone} does, and runs every internal
 * topic with replication factor 1 so consumer groups and transactions work. {@link #close()} stops
 * it and deletes its data directory if it made a temporary one. Build with {@link #builder()}.
 */
public final class LocalKafka implements AutoCloseable {

    private final LocalKafkaConfig config;
    private final KafkaRaftServer server;
    private boolean closed;

    private LocalKafka(LocalKafkaConfig config, KafkaRaftServer server) {
        this.config = config;
        this.server = server;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:port} of the plaintext client listener. */
    public String bootstrapServers() {
        return config.bootstrapServers(LocalKafkaConfig.CLIENT_LISTENER);
    }

    /** {@code 127.0.0.1:port} of a listener added with {@link Builder#listener}. */
    public String bootstrapServers(String listenerName) {
        return config.bootstrapServers(listenerName);
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** An admin client on the plaintext listener; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
        return Admin.create(props);
    }

    /** Creates the default Statecast topics ({@link Topics}); returns those that were new. */
    public List<String> createTopics(int partitions) {
        return createTopics(TopicNames.DEFAULT, partitions);
    }

    /** Creates the given Statecast topics; returns those that were new. */
    public List<String> createTopics(TopicNames names, int partitions) {
        try (Admin admin = admin()) {
            return TopicCreator.create(admin, names, partitions, (short) 1, config.timeout());
        }
    }

    /** Stops the broker (bounded by the builder's timeout) and deletes a temporary data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread stopper = new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "local-kafka-shutdown");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(config.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        config.deleteTemporaryDataDir();
        if (stopper.isAlive()) {
            throw new IllegalStateException("the local Kafka broker did not stop within "
                    + config.timeout().toSeconds() + " s");
        }
    }

    /** Options of a {@link LocalKafka}; every one has a default. */
    public static final class Builder {
        private final LocalKafkaConfig.Settings settings = new LocalKafkaConfig.Settings();

        private Builder() {}

        /** Client port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            settings.port = checkPort(port, "port");
            return this;
        }

        /** Controller port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder controllerPort(int port) {
            settings.controllerPort = checkPort(port, "controller port");
            return this;
        }

        /** Keep data here (reused if already formatted); by default a temp dir deleted on close. */
        public Builder dataDir(Path dir) {
            settings.dataDir = dir;
            return this;
        }

        /** Partitions of __consumer_offsets and __transaction_state (default 4: quick start). */
        public Builder internalTopicPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("internal topic partitions must be >= 1, got " + partitions);
            }
            settings.internalPartitions = partitions;
            return this;
        }

        /**
         * An extra listener on 127.0.0.1, e.g. {@code listener("SASL", "SASL_PLAINTEXT", 0)}; its
         * mechanism settings go in with {@link #brokerProperty}.
         */
        public Builder listener(String name, String securityProtocol, int port) {
            settings.extraListeners.add(new LocalKafkaConfig.Listener(
                    name, securityProtocol, checkPort(port, name + " port")));
            return this;
        }

        /** Any broker setting; applied last, so it overrides ours. */
        public Builder brokerProperty(String key, Object value) {
            settings.overrides.put(key, String.valueOf(value));
            return this;
        }

        /** Bound on start-up, topic creation and shutdown (default 60 s). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            settings.timeout = timeout;
            return this;
        }

        /** Formats storage if needed, starts the broker and waits until it serves clients. */
        public LocalKafka start() {
            LocalKafkaConfig config = LocalKafkaConfig.resolve(settings);
            KafkaRaftServer server = null;
            try {
                config.formatStorage();
                KafkaConfig kafkaConfig = new KafkaConfig(config.brokerProperties(), false);
                server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
                server.startup();
                LocalKafka kafka = new LocalKafka(config, server);
                kafka.awaitReady();
                return kafka;
            } catch (RuntimeException e) {
                stopQuietly(server, e);
                config.deleteTemporaryDataDir();
                throw e;
            }
        }

        private static void stopQuietly(KafkaRaftServer server, RuntimeException cause) {
            if (server == null) {
                return;
            }
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }

        private static int checkPort(int port, String what) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(what + " must be 0 (free port) to 65535, got " + port);
            }
            return port;
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the local Kafka broker on " + bootstrapServers()
                    + " did not answer within " + config.timeout().toSeconds() + " s", e);
        }
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers() + ", " + dataDir() + "]";
    }
}
