package io.statecast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.statecast.jobs.forecast.ForecastJob;
import io.statecast.jobs.trainer.TrainerJob;
import io.statecast.kafka.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** Validates deploy/docker-compose.yaml without Docker: parse, pins, Flink keys, the submitted jobs. */
class DockerComposeTest {

    private static final String JAR = "/opt/statecast/statecast-job.jar";
    private static final String DOCKERFILE = "deploy/image/Dockerfile";
    private static final List<String> FLINK_SERVICES = List.of("jobmanager", "taskmanager", "submit");
    private final JsonNode services = DeployFiles.compose().path("services");

    @Test
    void hasTheBrokerTheClusterAndTheOneShotClients() {
        assertThat(names(services)).contains("kafka", "topics", "jobmanager", "taskmanager", "submit");
        for (String longRunning : List.of("kafka", "jobmanager", "taskmanager")) {
            assertThat(services.path(longRunning).path("healthcheck").path("test").isArray())
                    .as("%s has a healthcheck", longRunning).isTrue();
        }
        assertThat(services.path("taskmanager").path("deploy").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode submitDeps = services.path("submit").path("depends_on");
        assertThat(submitDeps.path("topics").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(submitDeps.path("taskmanager").path("condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void pinsEveryImageToTheVersionsWeBuildAgainst() {
        services.fields().forEachRemaining(s -> assertThat(ImageRefs.problem(s.getValue().path("image").asText()))
                .as("image of service %s", s.getKey()).isEmpty());
        assertThat(services.path("kafka").path("image").asText())
                .isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        for (String flink : FLINK_SERVICES) {
            JsonNode service = services.path(flink);
            assertThat(service.path("image").asText()).as(flink).isEqualTo("statecast/flink-job:0.1.0");
            assertThat(service.path("build").path("dockerfile").asText()).as(flink).isEqualTo(DOCKERFILE);
            assertThat(DeployFiles.dir().resolve(service.path("build").path("context").asText())
                    .resolve(DOCKERFILE)).as(flink).exists();
        }
        List<String> from = DeployFiles.fromLines(DeployFiles.dir().resolve("image/Dockerfile"));
        assertThat(from.get(from.size() - 1))
                .startsWith("FROM flink:" + EnvironmentInformation.getVersion() + "-").endsWith("-java17");
    }

    @Test
    void usesOnlyRealFlinkConfigurationKeys() {
        FlinkConfigKeys known = FlinkConfigKeys.load();
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(s -> {
            JsonNode props = s.getValue().path("environment").path("FLINK_PROPERTIES");
            if (!props.isMissingNode()) {
                flinkProperties(props.asText()).keySet().forEach(k -> known.problem(k).ifPresent(problems::add));
            }
        });
        assertThat(problems).isEmpty();
        Map<String, String> props = flinkProperties(services.path("jobmanager").path("environment")
                .path("FLINK_PROPERTIES").asText());
        assertThat(props).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
                .containsKey("execution.checkpointing.savepoint-dir");
    }

    @Test
    void createsEveryTopicTheJobsUse() {
        String script = services.path("topics").path("command").get(0).asText();
        for (String topic : List.of(Topics.EVENTS, Topics.FORECASTS, Topics.DEADLETTERS, Topics.MODELS)) {
            assertThat(script).contains("--topic " + topic + " ");
        }
        assertThat(script).containsPattern("--topic " + Topics.MODELS + " .*cleanup.policy=compact");
    }

    @Test
    void submitsBothJobsFromTheImagesJarWithTheirOwnOptions() {
        JsonNode submit = services.path("submit");
        List<FlinkRunCommand> runs = FlinkRunCommand.findAll(submit.path("command").get(0).asText());
        List<String> problems = new ArrayList<>();
        runs.forEach(run -> problems.addAll(JobEntryPoints.problems(run.entryClass(), run.jobArgs())));
        assertThat(problems).isEmpty();
        assertThat(runs).extracting(FlinkRunCommand::entryClass)
                .containsExactlyInAnyOrder(ForecastJob.class.getName(), TrainerJob.class.getName());
        List<String> mounts = StreamSupport.stream(submit.path("volumes").spliterator(), false)
                .map(JsonNode::asText).toList();
        for (FlinkRunCommand run : runs) {
            assertThat(run.detached()).isTrue();
            assertThat(run.jar()).isEqualTo(JAR);
            String modelFile = run.jobArgs().get(run.jobArgs().indexOf("--model.file") + 1);
            assertThat(modelFile).startsWith("/opt/statecast/models/");
            assertThat(mounts).anyMatch(m -> m.endsWith(":/opt/statecast/models:ro"));
        }
    }

    /** The {@code key: value} lines Flink's image entrypoint appends to its config.yaml. */
    static Map<String, String> flinkProperties(String text) {
        return text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')).trim(),
                        l -> l.substring(l.indexOf(':') + 1).trim()));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
