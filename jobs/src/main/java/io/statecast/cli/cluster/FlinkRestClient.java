package io.statecast.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What {@code flink run} and {@code flink stop} do, over Flink's REST API with plain HTTP and JSON: upload
 * a jar, run a main class of it, stop a job with a savepoint, follow the savepoint and the job's state.
 */
public final class FlinkRestClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String address;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param hostPort the JobManager's REST endpoint, {@code host:port}
     * @param requestTimeout the longest a single call may take (running a job's main is one call)
     */
    public FlinkRestClient(String hostPort, Duration requestTimeout) {
        this.address = "http://" + checkHostPort(hostPort);
        this.requestTimeout = requestTimeout;
        // Flink's REST server speaks HTTP/1.1 only.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    private static String checkHostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        boolean valid = colon > 0 && hostPort.substring(colon + 1).matches("\\d{1,5}");
        if (!valid) {
            throw new IllegalArgumentException("the JobManager must be HOST:PORT of its REST endpoint, e.g. "
                    + "localhost:8081, got '" + hostPort + "'");
        }
        return hostPort;
    }

    /** {@code http://host:port} of the JobManager. */
    public String address() {
        return address;
    }

    /** Uploads {@code jar} ({@code POST /jars/upload}); returns the jar's id on the cluster. */
    public String uploadJar(Path jar) throws IOException {
        String boundary = "statecast-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        BodyPublisher body = BodyPublishers.concat(
                BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                BodyPublishers.ofFile(jar),
                BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        JsonNode answer = send(request("/jars/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body));
        String uploaded = answer.path("filename").asText();
        return uploaded.substring(uploaded.lastIndexOf('/') + 1);
    }

    /** Runs a main class of an uploaded jar ({@code POST /jars/:jarid/run}); returns the job id. */
    public String runJar(String jarId, JarRunRequest run) throws IOException {
        return send(jsonPost("/jars/" + jarId + "/run", json.valueToTree(run))).path("jobid").asText();
    }

    /** Deletes an uploaded jar ({@code DELETE /jars/:jarid}); a running job keeps its own copy. */
    public void deleteJar(String jarId) throws IOException {
        send(request("/jars/" + jarId).DELETE());
    }

    /**
     * Triggers stop-with-savepoint ({@code POST /jobs/:jobid/stop}) in canonical format; returns the trigger id.
     *
     * @param drain true to flush all event-time windows first (ends the stream), false to keep them in state
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, boolean drain) throws IOException {
        ObjectNode body = json.createObjectNode().put("targetDirectory", targetDirectory).put("drain", drain)
                .put("formatType", "CANONICAL");
        return send(jsonPost("/jobs/" + jobId + "/stop", body)).path("request-id").asText();
    }

    /**
     * The savepoint's location once {@code GET /jobs/:jobid/savepoints/:triggerid} reports it completed,
     * {@code null} while it is in progress; throws with the cluster's reason if it failed.
     */
    public String savepointLocation(String jobId, String triggerId) throws IOException {
        JsonNode answer = send(request("/jobs/" + jobId + "/savepoints/" + triggerId).GET());
        if (!"COMPLETED".equals(answer.path("status").path("id").asText())) {
            return null;
        }
        JsonNode operation = answer.path("operation");
        if (operation.has("failure-cause")) {
            String trace = operation.path("failure-cause").path("stack-trace").asText();
            throw FlinkRestException.rejected("the savepoint of job " + jobId + " failed: " + summary(trace), trace);
        }
        return operation.path("location").asText();
    }

    /** The job's state ({@code GET /jobs/:jobid}): RUNNING, FINISHED, CANCELED, FAILED, ... */
    public String jobState(String jobId) throws IOException {
        return send(request("/jobs/" + jobId).GET()).path("state").asText();
    }

    /** Cancels the job without a savepoint ({@code PATCH /jobs/:jobid?mode=cancel}). */
    public void cancel(String jobId) throws IOException {
        send(request("/jobs/" + jobId + "?mode=cancel").method("PATCH", BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(address + path)).timeout(requestTimeout);
    }

    private HttpRequest.Builder jsonPost(String path, JsonNode body) throws IOException {
        return request(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw FlinkRestException.unreachable("the JobManager at " + address + " is unreachable (" + e
                    + "); is the cluster up and is this its REST port (rest.port)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the JobManager at " + address, e);
        }
        JsonNode answer = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        if (response.statusCode() >= 400) {
            List<String> texts = new ArrayList<>();
            answer.path("errors").forEach(e -> texts.add(e.asText()));
            String errors = texts.isEmpty() ? response.body() : String.join("\n", texts);
            HttpRequest sent = request.build();
            throw FlinkRestException.rejected("the JobManager at " + address + " rejected " + sent.method() + " "
                    + sent.uri().getPath() + " (" + response.statusCode() + "): " + summary(errors)
                    + " (--verbose prints its whole answer)", errors);
        }
        return answer;
    }

    /**
     * The root cause of a server-side stack trace (its last "Caused by:"), else its first line: the part a
     * user can act on. --verbose prints the whole text.
     */
    static String summary(String errors) {
        String first = null;
        String rootCause = null;
        for (String line : errors.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Caused by: ")) {
                rootCause = trimmed.substring("Caused by: ".length());
            } else if (first == null && !trimmed.isEmpty() && !trimmed.startsWith("<Exception on server side")) {
                first = trimmed;
            }
        }
        return rootCause != null ? rootCause : first;
    }
}
