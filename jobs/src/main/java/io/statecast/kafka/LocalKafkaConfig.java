package io.statecast.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;

/**
 * The resolved settings of a {@link LocalKafka}: ports picked, data directory made, broker properties
 * written out, storage formatted. Kept apart from the broker's life cycle so each stays small.
 */
final class LocalKafkaConfig {

    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    /** Remembers the controller port of a kept data directory: the quorum's voter set records it. */
    private static final String CONTROLLER_PORT_FILE = "statecast-controller.port";

    /** A listener on 127.0.0.1. */
    record Listener(String name, String securityProtocol, int port) {}

    /** What the builder collects; {@link #resolve} turns it into a config. */
    static final class Settings {
        int port;
        int controllerPort;
        Path dataDir;
        int internalPartitions = 4;
        Duration timeout = Duration.ofSeconds(60);
        final List<Listener> extraListeners = new ArrayList<>();
        final Map<String, String> overrides = new LinkedHashMap<>();
    }

    private final Settings settings;
    private final Path dataDir;
    private final boolean temporary;
    private final List<Listener> listeners;

    private LocalKafkaConfig(Settings settings, Path dataDir, boolean temporary, List<Listener> listeners) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.listeners = listeners;
    }

    static LocalKafkaConfig resolve(Settings settings) {
        try {
            boolean temporary = settings.dataDir == null;
            Path dir = temporary ? Files.createTempDirectory("statecast-kafka-") : settings.dataDir;
            Files.createDirectories(dir);
            List<Listener> listeners = new ArrayList<>();
            listeners.add(new Listener(CLIENT_LISTENER, "PLAINTEXT", portOrFree(settings.port)));
            listeners.add(new Listener(CONTROLLER_LISTENER, "PLAINTEXT", controllerPort(settings, dir)));
            for (Listener l : settings.extraListeners) {
                listeners.add(new Listener(l.name(), l.securityProtocol(), portOrFree(l.port())));
            }
            return new LocalKafkaConfig(settings, dir, temporary, List.copyOf(listeners));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka data directory: " + e.getMessage(), e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    Duration timeout() {
        return settings.timeout;
    }

    String bootstrapServers(String listenerName) {
        return listeners.stream().filter(l -> l.name().equals(listenerName)).findFirst()
                .map(l -> HOST + ":" + l.port())
                .orElseThrow(() -> new IllegalArgumentException("no listener named " + listenerName));
    }

    Properties brokerProperties() {
        List<Listener> advertised = listeners.stream()
                .filter(l -> !l.name().equals(CONTROLLER_LISTENER)).toList();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", endpoints(listeners));
        p.put("advertised.listeners", endpoints(advertised));
        p.put("listener.security.protocol.map", listeners.stream()
                .map(l -> l.name() + ":" + l.securityProtocol()).collect(Collectors.joining(",")));
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("controller.quorum.bootstrap.servers", bootstrapServers(CONTROLLER_LISTENER));
        p.put("log.dirs", logDir());
        // One node: every replicated internal topic must accept replication factor 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", String.valueOf(settings.internalPartitions));
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", String.valueOf(settings.internalPartitions));
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        // Topics come from TopicCreator; a typo in a topic name should fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.putAll(settings.overrides);
        return p;
    }

    /** Formats the log directory as {@code kafka-storage.sh format --standalone} does, once. */
    void formatStorage() {
        if (Files.exists(Path.of(logDir(), "meta.properties"))) {
            return; // formatted by an earlier run: keep its cluster id and voter set
        }
        String voter = NODE_ID + "@" + bootstrapServers(CONTROLLER_LISTENER) + ":" + Uuid.randomUuid();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir())
                    .addDirectory(logDir())
                    .setHasDynamicQuorum(true)
                    .setInitialControllers(DynamicVoters.parse(voter))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir() + ": "
                    + e.getMessage(), e);
        }
    }

    void deleteTemporaryDataDir() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary Kafka data in " + dataDir, e);
        }
    }

    private String logDir() {
        return dataDir.resolve("kraft-logs").toAbsolutePath().toString();
    }

    private static String endpoints(List<Listener> listeners) {
        return listeners.stream().map(l -> l.name() + "://" + HOST + ":" + l.port())
                .collect(Collectors.joining(","));
    }

    private static int controllerPort(Settings settings, Path dir) throws IOException {
        if (settings.dataDir == null || settings.controllerPort != 0) {
            return portOrFree(settings.controllerPort);
        }
        Path file = dir.resolve(CONTROLLER_PORT_FILE);
        if (Files.exists(file)) {
            return Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        int port = portOrFree(0);
        Files.writeString(file, String.valueOf(port), StandardCharsets.UTF_8);
        return port;
    }

    /** The given port, or for 0 a port that is free now (the broker binds it moments later). */
    private static int portOrFree(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
