/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The few calls of Flink's REST API that the scenarios need, as a user would make them. */
public final class FlinkRest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRest(URI base) {
        this.base = base;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        MAPPER.writeValueAsString(body))));
    }

    /** Registered TaskManagers and free slots, from {@code /overview}. */
    public JsonNode overview() throws IOException, InterruptedException {
        return get("/overview");
    }

    /** The ids of the jobs in {@code state} (e.g. RUNNING), from {@code /jobs/overview}. */
    public List<String> jobs(String state) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            if (job.path("state").asText().equals(state)) {
                ids.add(job.path("jid").asText());
            }
        }
        return ids;
    }

    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /**
     * Waits until the job's state is {@code FINISHED}. Also right after a client saw the job end:
     * the REST API serves a job's details from a cache ({@code web.refresh-interval}, 3 s), so it
     * may still say {@code RUNNING} for a moment.
     */
    public void awaitFinished(String jobId, Duration timeout) throws Exception {
        Await.until(
                "job " + jobId + " is FINISHED", timeout, () -> jobState(jobId).equals("FINISHED"));
    }

    /** Checkpoints completed so far, savepoints included. */
    public long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** The job's {@code numRestarts} metric: how often it was restarted after a failure. */
    public long restarts(String jobId) throws IOException, InterruptedException {
        for (JsonNode metric : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return metric.path("value").asLong();
        }
        return 0;
    }

    /**
     * Stops the job with a savepoint into {@code directory} ({@code POST /jobs/:id/stop}, no drain)
     * and returns the savepoint's path once the operation completed.
     */
    public String stopWithSavepoint(String jobId, String directory, Duration timeout)
            throws IOException, InterruptedException {
        String trigger =
                post(
                                "/jobs/" + jobId + "/stop",
                                Map.of("targetDirectory", directory, "drain", false))
                        .path("request-id")
                        .asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new AssertionError("stop-with-savepoint failed: " + operation);
                }
                return operation.path("location").asText();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("stop-with-savepoint of " + jobId + " took over " + timeout);
    }

    /** Cancels the job ({@code PATCH /jobs/:id}) unless it has ended already. */
    public void cancelIfRunning(String jobId) throws IOException, InterruptedException {
        String state = jobState(jobId);
        if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
            return;
        }
        send(
                HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** Uploads a job jar ({@code POST /jars/upload}, as the web UI does) and returns its id. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "e2e-" + UUID.randomUUID();
        byte[] head =
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(base.resolve("/jars/upload"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArrays(
                                                List.of(head, Files.readAllBytes(jar), tail))));
        String file = answer.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        request.timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    response.request().method()
                            + " "
                            + response.request().uri()
                            + " -> "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return response.body().isBlank()
                ? MAPPER.createObjectNode()
                : MAPPER.readTree(response.body());
    }
}
