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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fragment-index jar on a real cluster: one JobManager and two TaskManagers (two slots each) as
 * separate processes, the emulator as another, the jar submitted with {@code flink run}. Every
 * scenario reads its own streams into its own directories and must write every fragment of the
 * emulator's ground truth exactly once, and nothing else.
 *
 * <p>Scenario 4 tails live streams instead ({@link
 * #tailingJobAcrossAKilledTaskManagerIsExactUpToTheConsistencyLag}): a job without an end, stopped
 * with a savepoint, has written per stream a gapless prefix of the ground truth, exact up to the
 * source's consistency lag before the stop.
 */
@ExtendWith(LogsOnFailure.class)
class FragmentIndexJobOnClusterITCase {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    /** Quick streams: the second one runs past the range's end, which cuts it. */
    private static final List<SyntheticCamera> QUICK =
            List.of(
                    new SyntheticCamera("quick-1", "seed=1,fragments=9000,interval=4s"),
                    new SyntheticCamera("quick-2", "seed=2,fragments=9000,interval=5s"));

    /** Streams read slowly (a low request budget) so that a kill or a stop lands mid-backfill. */
    private static final List<SyntheticCamera> FAILOVER =
            List.of(
                    new SyntheticCamera("failover-1", "seed=3,fragments=8000"),
                    new SyntheticCamera("failover-2", "seed=4,fragments=8000"));

    private static final List<SyntheticCamera> SAVEPOINT =
            List.of(
                    new SyntheticCamera("savepoint-1", "seed=5,fragments=8000"),
                    new SyntheticCamera("savepoint-2", "seed=6,fragments=8000"));

    /** Read by the job submitted through the REST API. */
    private static final List<SyntheticCamera> REST =
            List.of(new SyntheticCamera("rest-1", "seed=9,fragments=6000"));

    /**
     * Live streams (scenario 4): they grow in real time from the emulator's start on, each fragment
     * listable 1 s after its server timestamp. Three streams for four readers: one reader has no
     * stream.
     */
    private static final List<LiveCamera> LIVE =
            List.of(
                    new LiveCamera("live-1", "seed=21,rate=2/s,delay=1s"),
                    new LiveCamera("live-2", "seed=22,rate=2/s,delay=1s"),
                    new LiveCamera("live-3", "seed=23,rate=3/s,delay=1s"));

    /** The source's default {@code source.tail.consistency-lag}, which the job keeps. */
    private static final Duration CONSISTENCY_LAG = Duration.ofSeconds(5);

    /** How far behind the lag a tail may settle on a loaded machine (polls, checkpoints, GC). */
    private static final Duration LOADED_MACHINE_SLACK = Duration.ofSeconds(15);

    private static final String SLOW_BUDGET = "1.0";

    private static FlinkCluster cluster;
    private static EmulatorProcess emulator;
    private static Path home;

    private Path scenarioDir;

    @BeforeAll
    static void startClusterAndEmulator() throws Exception {
        home = Distribution.workDir().resolve("fragment-index-" + System.currentTimeMillis());
        List<EmulatedStream> all = new ArrayList<>(QUICK);
        all.addAll(FAILOVER);
        all.addAll(SAVEPOINT);
        all.addAll(REST);
        all.addAll(LIVE);
        emulator = EmulatorProcess.start(home, 5, all);
        cluster = FlinkCluster.start(home, 2, EmulatorProcess.credentialsEnv());
    }

    @AfterAll
    static void stopEverythingThenScanTheLogsForTheSecretKey() throws IOException {
        ProcessRegistry.stopAll();
        LogSecretScan.assertConnectorLoggedButNoSecret(home);
    }

    @BeforeEach
    void allFourSlotsAreFree(TestInfo test) throws Exception {
        scenarioDir = home.resolve(test.getTestMethod().orElseThrow().getName());
        cluster.awaitTaskManagers(2);
    }

    @Test
    void submittedJarIndexesEveryFragmentOnceWithParallelismFourOnBothTaskManagers()
            throws Exception {
        FragmentIndexSubmission run =
                FragmentIndexSubmission.of(cluster, emulator, "flink-run-quick", START, END)
                        .streams(QUICK)
                        .output(scenarioDir.resolve("index"))
                        .parallelism(4)
                        .submit();
        String jobId = run.jobId();

        assertThat(run.awaitExit(JOB_TIMEOUT)).as("exit code of flink run").isZero();
        cluster.rest().awaitFinished(jobId, Duration.ofSeconds(30));
        assertThat(taskManagersThatRan(jobId)).as("TaskManagers that ran the job").hasSize(2);
        assertThat(FragmentLine.readFinished(scenarioDir.resolve("index")))
                .containsExactlyInAnyOrderElementsOf(groundTruth(QUICK));
    }

    @Test
    void killedTaskManagerMidBackfillRestoresFromTheLastCheckpoint() throws Exception {
        FragmentIndexSubmission run =
                FragmentIndexSubmission.of(cluster, emulator, "flink-run-failover", START, END)
                        .streams(FAILOVER)
                        .output(scenarioDir.resolve("index"))
                        .parallelism(4)
                        .flag("--checkpoint-dir", scenarioDir.resolve("checkpoints").toString())
                        .flag("--budget-tps", SLOW_BUDGET)
                        .flag("--window", "PT5M")
                        .submit();
        String jobId = run.jobId();
        FlinkRest rest = cluster.rest();
        Path index = scenarioDir.resolve("index");
        Await.until(
                "a checkpoint of the backfill completed and committed its first files",
                JOB_TIMEOUT,
                () ->
                        rest.completedCheckpoints(jobId) >= 1
                                && !FragmentLine.readFinished(index).isEmpty());

        ManagedProcess victim = aliveTaskManagers().get(0);
        assertThat(rest.jobState(jobId)).as("job state just before the kill").isEqualTo("RUNNING");
        List<FragmentLine> expected = groundTruth(FAILOVER);
        assertThat(FragmentLine.readFinished(index).size())
                .as("fragments committed before the kill")
                .isLessThan(expected.size());
        victim.kill();
        cluster.startTaskManager();

        Await.until("the job restarted", JOB_TIMEOUT, () -> rest.restarts(jobId) > 0);
        assertThat(run.awaitExit(JOB_TIMEOUT)).as("exit code of flink run").isZero();
        JsonNode restored =
                rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
        assertThat(restored.path("id").asLong())
                .as("restored checkpoint: %s", restored)
                .isPositive();
        assertThat(restored.path("is_savepoint").asBoolean()).isFalse();
        assertThat(FragmentLine.readFinished(index)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void stopWithSavepointThenResumeWithAnotherParallelismWritesEveryFragmentOnce()
            throws Exception {
        Path first = scenarioDir.resolve("index-before-savepoint");
        FragmentIndexSubmission before =
                FragmentIndexSubmission.of(cluster, emulator, "flink-run-savepoint", START, END)
                        .streams(SAVEPOINT)
                        .output(first)
                        .parallelism(4)
                        .flag("--budget-tps", SLOW_BUDGET)
                        .flag("--window", "PT5M")
                        .submit();
        String jobId = before.jobId();
        FlinkRest rest = cluster.rest();
        Await.until(
                "the backfill committed its first files",
                JOB_TIMEOUT,
                () -> !FragmentLine.readFinished(first).isEmpty());

        String savepoint =
                rest.stopWithSavepoint(
                        jobId,
                        scenarioDir.resolve("savepoints").toUri().toString(),
                        Duration.ofMinutes(1));
        before.awaitExit(JOB_TIMEOUT);
        List<FragmentLine> beforeLines = FragmentLine.readFinished(first);
        List<FragmentLine> expected = groundTruth(SAVEPOINT);
        assertThat(beforeLines.size())
                .as("fragments before the savepoint")
                .isLessThan(expected.size());

        Path second = scenarioDir.resolve("index-after-savepoint");
        FragmentIndexSubmission after =
                FragmentIndexSubmission.of(cluster, emulator, "flink-run-resumed", START, END)
                        .streams(SAVEPOINT)
                        .output(second)
                        .parallelism(3)
                        .flag("--from-savepoint", savepoint)
                        .submit();
        assertThat(after.awaitExit(JOB_TIMEOUT)).as("exit code of the resumed run").isZero();

        List<FragmentLine> union = new ArrayList<>(FragmentLine.readFinished(first));
        union.addAll(FragmentLine.readFinished(second));
        assertThat(union).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Scenario 6: the savepoint-resumed backfill example's script against this cluster: {@code
     * flink run -d}, {@code flink stop --savepointPath}, {@code flink run -s} with parallelism 3
     * and a later end. The script starts its own emulator with the key pair this cluster has.
     */
    @Test
    void savepointBackfillScriptResumesAndExtendsTheBackfillOnTheCluster() throws Exception {
        BackfillScript script = BackfillScript.onCluster(scenarioDir, cluster);

        script.assertResumedBackfillIsExact(BackfillScript.TIMEOUT);

        List<String> jobIds =
                script.output()
                        .lines()
                        .filter(l -> l.startsWith("Job has been submitted with JobID "))
                        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                        .toList();
        assertThat(jobIds).as("jobs the script submitted").hasSize(2);
        String resumed = jobIds.get(1);
        JsonNode restored =
                cluster.rest()
                        .get("/jobs/" + resumed + "/checkpoints")
                        .path("latest")
                        .path("restored");
        assertThat(restored.path("is_savepoint").asBoolean())
                .as("the resumed job restored a savepoint: %s", restored)
                .isTrue();
        assertThat(cluster.rest().get("/jobs/" + resumed).path("vertices"))
                .extracting(v -> v.path("parallelism").asInt())
                .contains(3);
    }

    @Test
    void tailingJobAcrossAKilledTaskManagerIsExactUpToTheConsistencyLag() throws Exception {
        // From the first live stream's creation: every fragment of every live stream.
        Instant start =
                LIVE.stream()
                        .map(c -> emulator.createdAt(c.name()))
                        .min(Comparator.naturalOrder())
                        .orElseThrow()
                        .truncatedTo(ChronoUnit.SECONDS);
        Path index = scenarioDir.resolve("index");
        FragmentIndexSubmission run =
                FragmentIndexSubmission.tailing(cluster, emulator, "flink-run-tail", start)
                        .streams(LIVE)
                        .output(index)
                        .parallelism(4)
                        .flag("--checkpoint-dir", scenarioDir.resolve("checkpoints").toString())
                        .submit();
        String jobId = run.jobId();
        try {
            tailAcrossAKill(run, jobId, start, index);
        } catch (Throwable failure) {
            // A tailing job never ends on its own: a failed scenario must not keep the slots.
            try {
                cluster.rest().cancelIfRunning(jobId);
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
    }

    private void tailAcrossAKill(
            FragmentIndexSubmission run, String jobId, Instant start, Path index) throws Exception {
        FlinkRest rest = cluster.rest();
        Await.until(
                "a checkpoint of the tailing job completed and committed its first files",
                JOB_TIMEOUT,
                () ->
                        rest.completedCheckpoints(jobId) >= 1
                                && !FragmentLine.readFinished(index).isEmpty());
        assertThat(taskManagersThatRan(jobId)).as("TaskManagers that run the job").hasSize(2);
        // Each stream's tail on a reader of its own (docs/tailing.md): so every TaskManager runs
        // a stream, and the kill below hits one.
        // Awaited, not read once: the REST API serves subtask states from a cache refreshed every
        // few seconds, which can still show a reader as starting.
        Await.until(
                "a running reader per live stream (the others finished: no split left for them)",
                JOB_TIMEOUT,
                () -> runningSubtasks(jobId) >= LIVE.size());

        ManagedProcess victim = aliveTaskManagers().get(0);
        assertThat(rest.jobState(jobId)).as("job state just before the kill").isEqualTo("RUNNING");
        int committedBeforeKill = FragmentLine.readFinished(index).size();
        victim.kill();
        cluster.startTaskManager();

        Await.until(
                "the job runs again after a restart",
                JOB_TIMEOUT,
                () -> rest.restarts(jobId) > 0 && allTasksRunningOrFinished(jobId));
        long checkpointsAtRecovery = rest.completedCheckpoints(jobId);
        Await.until(
                "a checkpoint after the restart completed",
                JOB_TIMEOUT,
                () -> rest.completedCheckpoints(jobId) > checkpointsAtRecovery);
        Thread.sleep(3_000);

        Instant stopRequested = Instant.now();
        rest.stopWithSavepoint(
                jobId, scenarioDir.resolve("savepoints").toUri().toString(), Duration.ofMinutes(1));
        Instant stopped = Instant.now();
        assertThat(run.awaitExit(JOB_TIMEOUT)).as("exit code of flink run").isZero();
        rest.awaitFinished(jobId, Duration.ofSeconds(30));
        JsonNode restored =
                rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
        assertThat(restored.path("id").asLong())
                .as("restored checkpoint: %s", restored)
                .isPositive();
        assertThat(restored.path("is_savepoint").asBoolean()).isFalse();

        List<FragmentLine> written = FragmentLine.readFinished(index);
        assertThat(written.size())
                .as("fragments committed after the restart")
                .isGreaterThan(committedBeforeKill);
        Instant settledAtStop = stopped.minus(CONSISTENCY_LAG);
        Instant leastSettled = stopRequested.minus(CONSISTENCY_LAG).minus(LOADED_MACHINE_SLACK);
        for (LiveCamera camera : LIVE) {
            List<FragmentLine> stream =
                    written.stream()
                            .filter(l -> l.stream().equals(camera.name()))
                            .sorted(
                                    Comparator.comparing(
                                                    (FragmentLine l) ->
                                                            Instant.parse(l.serverTimestamp()))
                                            .thenComparing(l -> new BigInteger(l.fragmentNumber())))
                            .toList();
            List<FragmentLine> truth =
                    camera.groundTruth(emulator.createdAt(camera.name()), start, stopped);
            assertThat(stream).as("fragments of %s", camera.name()).isNotEmpty();
            assertThat(stream.size())
                    .as("fragments of %s against its ground truth", camera.name())
                    .isLessThanOrEqualTo(truth.size());
            assertThat(stream)
                    .as(
                            "%s: a gapless prefix of its ground truth, each fragment once",
                            camera.name())
                    .containsExactlyElementsOf(truth.subList(0, stream.size()));
            Instant last = Instant.parse(stream.get(stream.size() - 1).serverTimestamp());
            assertThat(last)
                    .as(
                            "%s: last fragment written (stop requested at %s, done at %s)",
                            camera.name(), stopRequested, stopped)
                    .isAfterOrEqualTo(leastSettled)
                    .isBeforeOrEqualTo(settledAtStop);
        }
    }

    @Test
    void jarUploadedAndRunThroughTheRestApiRunsDetachedAndLeavesTheClusterUp() throws Exception {
        FlinkRest rest = cluster.rest();
        String jar = rest.uploadJar(Distribution.fragmentIndexJar());
        List<String> args = new ArrayList<>();
        for (SyntheticCamera camera : REST) {
            args.addAll(List.of("--stream", camera.name()));
        }
        args.addAll(
                List.of(
                        "--region", EmulatorProcess.REGION,
                        "--endpoint", emulator.controlPlane().toString(),
                        "--start", START.toString(),
                        "--end", END.toString()));

        // main() runs inside the JobManager here: a bad argument must not end the cluster.
        assertThatThrownBy(
                        () ->
                                rest.post(
                                        "/jars/" + jar + "/run",
                                        Map.of("programArgsList", args, "parallelism", 4)))
                .hasMessageContaining(
                        "--output (a directory) or --jdbc-url (a database) is required");
        assertThat(cluster.jobManager().isAlive()).as("JobManager after a bad submission").isTrue();

        args.addAll(List.of("--output", scenarioDir.resolve("index").toString()));
        String jobId =
                rest.post(
                                "/jars/" + jar + "/run",
                                Map.of("programArgsList", args, "parallelism", 4))
                        .path("jobid")
                        .asText();
        rest.awaitFinished(jobId, JOB_TIMEOUT);

        assertThat(cluster.jobManager().isAlive()).as("JobManager after the job").isTrue();
        assertThat(FragmentLine.readFinished(scenarioDir.resolve("index")))
                .containsExactlyInAnyOrderElementsOf(groundTruth(REST));
    }

    private List<ManagedProcess> aliveTaskManagers() {
        return cluster.taskManagers().stream().filter(ManagedProcess::isAlive).toList();
    }

    /** How many subtasks of the job's (single, chained) vertices run now. */
    private int runningSubtasks(String jobId) throws Exception {
        int running = 0;
        for (JsonNode vertex : cluster.rest().get("/jobs/" + jobId).path("vertices")) {
            running += vertex.path("tasks").path("RUNNING").asInt();
        }
        return running;
    }

    /** Whether every subtask of the job runs, or has finished (a reader without a stream). */
    private boolean allTasksRunningOrFinished(String jobId) throws Exception {
        JsonNode job = cluster.rest().get("/jobs/" + jobId);
        if (!job.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            int settled =
                    vertex.path("tasks").path("RUNNING").asInt()
                            + vertex.path("tasks").path("FINISHED").asInt();
            if (settled != vertex.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /** The distinct TaskManagers that ran a subtask of any of the job's vertices. */
    private Set<String> taskManagersThatRan(String jobId) throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode vertex : cluster.rest().get("/jobs/" + jobId).path("vertices")) {
            String path =
                    "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers";
            for (JsonNode tm : cluster.rest().get(path).path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    private static List<FragmentLine> groundTruth(List<SyntheticCamera> cameras) {
        List<FragmentLine> all = new ArrayList<>();
        for (SyntheticCamera camera : cameras) {
            all.addAll(camera.groundTruth(START, END));
        }
        return all;
    }
}
