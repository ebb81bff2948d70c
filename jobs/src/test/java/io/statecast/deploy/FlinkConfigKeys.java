package io.statecast.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ExternalResourceOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.MetricOptions;

/**
 * Every Flink configuration key that Flink itself defines, read by reflection from the
 * {@code ConfigOption} constants of every {@code org.apache.flink.configuration.*Options} class in
 * flink-core, the RocksDB state backend's options, and the documented per-name patterns
 * ({@code external-resource.<name>.*}, {@code metrics.reporter.<name>.*}). A key in a manifest that
 * is not here is a typo or a key Flink 2.x removed: it would be silently ignored.
 */
final class FlinkConfigKeys {

    private static final String CONFIG_PACKAGE = "org/apache/flink/configuration/";
    private static final List<String> OTHER_OPTION_CLASSES = List.of(
            "org.apache.flink.state.rocksdb.RocksDBOptions",
            "org.apache.flink.state.rocksdb.RocksDBConfigurableOptions");
    private static final String REPORTER_PREFIX = "metrics.reporter.";
    /** The Prometheus reporter's own parameter, read from its factory (package-private constant). */
    private static final String PROMETHEUS_FACTORY =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    /**
     * The GPU driver's parameters (GPUDriverOptions in flink-external-resource-gpu, which ships only in
     * the distribution's plugins/ folder and is not on Maven Central; keys from Flink's GPU docs).
     */
    static final Set<String> GPU_DRIVER_PARAMS = Set.of("discovery-script.path", "discovery-script.args");

    private final Set<String> keys = new HashSet<>();
    private final Map<String, String> deprecated = new HashMap<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private final Set<String> reporterParams = new HashSet<>();

    private FlinkConfigKeys() {}

    /** Loads the keys of the Flink on the test classpath. */
    static FlinkConfigKeys load() {
        FlinkConfigKeys known = new FlinkConfigKeys();
        for (String name : configurationOptionClasses()) {
            known.addOptionsOf(name);
        }
        OTHER_OPTION_CLASSES.forEach(known::addOptionsOf);
        known.reporterParams.add(prometheusPortParameter());
        return known;
    }

    /** Empty if {@code key} is a current Flink option, else what is wrong with it. */
    Optional<String> problem(String key) {
        if (deprecated.containsKey(key)) {
            return Optional.of(key + " is deprecated in Flink 2.x; use " + deprecated.get(key));
        }
        if (keys.contains(key) || patterns.stream().anyMatch(p -> p.matcher(key).matches())) {
            return Optional.empty();
        }
        if (key.startsWith(REPORTER_PREFIX)) {
            String[] parts = key.substring(REPORTER_PREFIX.length()).split("\\.", 2);
            if (parts.length == 2 && reporterParams.contains(parts[1])) {
                return Optional.empty();
            }
        }
        String gpuParams = ExternalResourceOptions.getExternalResourceParamConfigPrefixForResource("gpu");
        if (key.startsWith(gpuParams) && GPU_DRIVER_PARAMS.contains(key.substring(gpuParams.length()))) {
            return Optional.empty();
        }
        return Optional.of(key + " is not a Flink " + flinkVersion() + " configuration option");
    }

    int size() {
        return keys.size();
    }

    private void addOptionsOf(String className) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Flink options class " + className + " is not on the classpath", e);
        }
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                add(option(f), type == MetricOptions.class);
            }
        }
    }

    private void add(ConfigOption<?> option, boolean metricOptions) {
        String key = option.key();
        if (key.equals("<parameter>")) {
            return; // a reporter's own parameters: checked against the reporter (reporterParams)
        }
        if (metricOptions && !key.startsWith("metrics.")) {
            reporterParams.add(key); // relative to metrics.reporter.<name>.
            return;
        }
        if (key.contains("<")) {
            if (!key.endsWith(">")) { // a trailing <param> would accept anything: listed explicitly
                patterns.add(Pattern.compile(Pattern.quote(key).replaceAll("<[^>]+>", "\\\\E[^.]+\\\\Q")));
            }
            return;
        }
        keys.add(key);
        for (FallbackKey fallback : option.fallbackKeys()) {
            if (fallback.isDeprecated()) {
                deprecated.putIfAbsent(fallback.getKey(), key);
            } else {
                keys.add(fallback.getKey());
            }
        }
    }

    private static ConfigOption<?> option(Field f) {
        try {
            return (ConfigOption<?>) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }

    /** The names of flink-core's {@code org.apache.flink.configuration.*Options} classes. */
    private static List<String> configurationOptionClasses() {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(jarOf(CheckpointingOptions.class).toFile())) {
            jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(CONFIG_PACKAGE) && n.endsWith("Options.class"))
                    .filter(n -> n.indexOf('/', CONFIG_PACKAGE.length()) < 0 && !n.contains("$"))
                    .filter(n -> !n.endsWith("/ConfigOptions.class"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.size() < 20) {
            throw new IllegalStateException("found only " + names + " in flink-core: is it a Flink jar?");
        }
        return names;
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prometheusPortParameter() {
        try {
            Field port = Class.forName(PROMETHEUS_FACTORY).getDeclaredField("ARG_PORT");
            port.setAccessible(true);
            return (String) port.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the Prometheus reporter's port parameter", e);
        }
    }

    private static String flinkVersion() {
        String jar = jarOf(CheckpointingOptions.class).getFileName().toString();
        return jar.replace("flink-core-", "").replace(".jar", "");
    }
}
