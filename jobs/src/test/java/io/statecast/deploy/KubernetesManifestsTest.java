package io.statecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.trainer.TrainerJob;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.ExternalResourceOptions;
import org.junit.jupiter.api.Test;

/** Validates the FlinkDeployment manifests and images under deploy/ without a cluster. */
class KubernetesManifestsTest {

    private static final String JAR_URI = "local:///opt/statecast/statecast-job.jar";
    /** Where the build leaves the cluster jar, relative to the repository root. */
    private static final String CLUSTER_JAR_MODULE = "job-jar";
    private static final String CLUSTER_JAR = CLUSTER_JAR_MODULE + "/target/statecast-job.jar";
    private static final String FETCH_ND4J = "-f deploy/nd4j-lib.xml dependency:copy-dependencies";
    private static final String GPU = "nvidia.com/gpu";
    private final Map<String, JsonNode> deployments = DeployFiles.flinkDeployments().stream()
            .collect(Collectors.toMap(d -> d.path("metadata").path("name").asText(), d -> d));

    @Test
    void everyManifestIsAKubernetesObjectWithPinnedImages() {
        List<JsonNode> manifests = DeployFiles.kubernetesManifests();
        assertThat(manifests).isNotEmpty().allSatisfy(m -> {
            assertThat(m.path("apiVersion").asText()).isNotEmpty();
            assertThat(m.path("kind").asText()).isNotEmpty();
            assertThat(m.path("metadata").path("name").asText()).isNotEmpty();
        });
        List<String> images = new ArrayList<>();
        manifests.forEach(m -> collectImages(m, images));
        assertThat(images).isNotEmpty().allSatisfy(i -> assertThat(ImageRefs.problem(i)).isEmpty());
    }

    @Test
    void runsBothJobsFromTheImagesJarWithSavepointUpgrades() {
        assertThat(deployments).containsOnlyKeys("statecast-forecast", "statecast-trainer");
        assertThat(entryClass("statecast-forecast")).isEqualTo(ForecastJob.class.getName());
        assertThat(entryClass("statecast-trainer")).isEqualTo(TrainerJob.class.getName());
        deployments.forEach((name, d) -> {
            JsonNode job = d.path("spec").path("job");
            List<String> args = StreamSupport.stream(job.path("args").spliterator(), false).map(JsonNode::asText)
                    .toList();
            assertThat(JobEntryPoints.problems(job.path("entryClass").asText(), args)).as(name).isEmpty();
            assertThat(job.path("jarURI").asText()).as(name).isEqualTo(JAR_URI);
            assertThat(job.path("upgradeMode").asText()).as(name).isEqualTo("savepoint");
        });
    }

    @Test
    void configuresExactlyOnceIncrementalRocksDbAndPrometheus() throws Exception {
        FlinkConfigKeys known = FlinkConfigKeys.load();
        for (var e : deployments.entrySet()) {
            Map<String, String> conf = flinkConfiguration(e.getValue());
            List<String> problems = new ArrayList<>();
            conf.keySet().forEach(k -> known.problem(k).ifPresent(problems::add));
            assertThat(problems).as(e.getKey()).isEmpty();
            assertThat(conf).as(e.getKey()).containsEntry("state.backend.type", "rocksdb")
                    .containsEntry("execution.checkpointing.incremental", "true")
                    .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
                    .containsKeys("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir");
            Class.forName(conf.get("metrics.reporter.prom.factory.class"));
        }
    }

    @Test
    void forecastTaskManagersRequestAGpuAndDeclareItToFlink() {
        JsonNode forecast = deployments.get("statecast-forecast");
        Map<String, String> conf = flinkConfiguration(forecast);
        assertThat(conf.get(ExternalResourceOptions.EXTERNAL_RESOURCE_LIST.key())).isEqualTo("gpu");
        String factoryKey = ExternalResourceOptions.getExternalResourceDriverFactoryConfigOptionForResource("gpu");
        assertThat(conf.get(factoryKey))
                .isEqualTo("org.apache.flink.externalresource.gpu.GPUDriverFactory");
        String params = ExternalResourceOptions.getExternalResourceParamConfigPrefixForResource("gpu");
        assertThat(conf.get(params + "discovery-script.path")).endsWith("/nvidia-gpu-discovery.sh");
        String amount = conf.get(ExternalResourceOptions.getAmountConfigOptionForResource("gpu"));

        JsonNode container = mainContainer(forecast.path("spec").path("taskManager").path("podTemplate"));
        assertThat(container.path("resources").path("limits").path(GPU).asText()).isEqualTo(amount);
        assertThat(container.path("resources").path("requests").path(GPU).asText()).isEqualTo(amount);
        // One slot per GPU: each forecast subtask owns its device.
        assertThat(conf.get("taskmanager.numberOfTaskSlots")).isEqualTo(amount);
    }

    @Test
    void trainerRunsOnCpuOnly() {
        JsonNode trainer = deployments.get("statecast-trainer");
        assertThat(trainer.toString()).doesNotContain(GPU);
        assertThat(flinkConfiguration(trainer))
                .doesNotContainKey(ExternalResourceOptions.EXTERNAL_RESOURCE_LIST.key());
    }

    @Test
    void mountsOnlyDeclaredClaimsAndImagesShipTheJarWhereTheManifestsLookForIt() throws IOException {
        List<String> claims = DeployFiles.kubernetesManifests().stream()
                .filter(m -> m.path("kind").asText().equals("PersistentVolumeClaim"))
                .map(m -> m.path("metadata").path("name").asText()).toList();
        for (JsonNode d : deployments.values()) {
            d.findValues("claimName").forEach(c -> assertThat(claims).contains(c.asText()));
        }
        String jarPath = JAR_URI.substring("local://".length());
        assertThat(DeployFiles.dir().resolveSibling(CLUSTER_JAR_MODULE).resolve("pom.xml")).exists();
        List<String> dockerignore = Files.readAllLines(DeployFiles.dir().resolveSibling(".dockerignore"));
        assertThat(DeployFiles.dockerfiles()).hasSize(2).allSatisfy(f -> {
            List<String> lines = Files.readAllLines(f);
            DeployFiles.fromLines(f).forEach(l ->
                    assertThat(ImageRefs.problem(l.split("\\s+")[1])).as("%s: %s", f, l).isEmpty());
            assertThat(lines).as(f.toString()).contains("COPY " + CLUSTER_JAR + " " + jarPath);
            // ND4J in Flink's lib/, from deploy/nd4j-lib.xml: the job jar has none.
            boolean cuda = f.getFileName().toString().endsWith(".cuda");
            assertThat(lines).as(f.toString())
                    .anyMatch(l -> l.contains("mvn ") && l.contains(FETCH_ND4J) && l.contains("-Pcuda") == cuda)
                    .anyMatch(l -> l.startsWith("COPY --from=") && l.endsWith(" /opt/flink/lib/"));
            // What the build context must let through: .dockerignore leaves out everything else.
            lines.stream().filter(l -> l.startsWith("COPY ") && !l.startsWith("COPY --from="))
                    .forEach(l -> assertThat(dockerignore).as(".dockerignore, for %s: %s", f, l)
                            .contains("!" + l.split("\\s+")[1]));
        });
        for (JsonNode d : deployments.values()) {
            String image = d.path("spec").path("image").asText();
            String tagless = image.substring(0, image.indexOf(':'));
            assertThat(tagless).isIn("statecast/flink-job", "statecast/flink-job-cuda");
        }
    }

    private String entryClass(String deployment) {
        return deployments.get(deployment).path("spec").path("job").path("entryClass").asText();
    }

    private static Map<String, String> flinkConfiguration(JsonNode deployment) {
        Map<String, String> conf = new TreeMap<>();
        deployment.path("spec").path("flinkConfiguration").fields()
                .forEachRemaining(f -> conf.put(f.getKey(), f.getValue().asText()));
        return conf;
    }

    private static JsonNode mainContainer(JsonNode podTemplate) {
        for (JsonNode c : podTemplate.path("spec").path("containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                return c;
            }
        }
        throw new AssertionError("no flink-main-container in " + podTemplate);
    }

    private static void collectImages(JsonNode node, List<String> images) {
        node.fields().forEachRemaining(f -> {
            if (f.getKey().equals("image") && f.getValue().isTextual()) {
                images.add(f.getValue().asText());
            } else {
                collectImages(f.getValue(), images);
            }
        });
        if (node.isArray()) {
            node.forEach(n -> collectImages(n, images));
        }
    }
}
