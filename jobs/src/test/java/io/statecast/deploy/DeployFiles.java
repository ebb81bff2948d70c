package io.statecast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files under {@code deploy/}, parsed: YAML documents as Jackson trees. */
final class DeployFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {}

    /** {@code deploy/} beside the jobs module (Surefire runs in the module's folder). */
    static Path dir() {
        Path dir = Path.of(System.getProperty("statecast.deployDir", "../deploy")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no deploy/ folder at " + dir + "; set -Dstatecast.deployDir");
        }
        return dir;
    }

    static JsonNode compose() {
        List<JsonNode> docs = documents(dir().resolve("docker-compose.yaml"));
        if (docs.size() != 1) {
            throw new IllegalStateException("docker-compose.yaml must be one YAML document, got " + docs.size());
        }
        return docs.get(0);
    }

    /** Every document of every {@code deploy/k8s/*.yaml}. */
    static List<JsonNode> kubernetesManifests() {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir().resolve("k8s"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> docs.addAll(documents(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** The {@code FlinkDeployment}s among the manifests. */
    static List<JsonNode> flinkDeployments() {
        return kubernetesManifests().stream()
                .filter(d -> "FlinkDeployment".equals(d.path("kind").asText())).toList();
    }

    /** The Dockerfiles under {@code deploy/image/}. */
    static List<Path> dockerfiles() {
        try (Stream<Path> files = Files.list(dir().resolve("image"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("Dockerfile")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code FROM} lines of a Dockerfile, stage by stage; the last one is the image's base. */
    static List<String> fromLines(Path dockerfile) {
        try {
            return Files.readAllLines(dockerfile).stream().filter(l -> l.startsWith("FROM ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The documents of a YAML file. SnakeYAML resolves anchors and aliases ({@code *flink-image}) as
     * Compose and Kubernetes do; Jackson's YAML parser would hand back the alias names.
     */
    static List<JsonNode> documents(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<JsonNode> docs = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (Object doc : yaml.loadAll(in)) {
                if (doc != null) {
                    docs.add(JSON.valueToTree(doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return docs;
    }
}
