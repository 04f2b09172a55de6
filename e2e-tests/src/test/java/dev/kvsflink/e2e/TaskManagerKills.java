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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * TaskManager kills at chosen moments of a job, each followed at once by a replacement TaskManager,
 * as a machine dies and another takes its place; and the facts that show which phase of the job a
 * kill hit: the tasks a TaskManager received (its log), and the job's checkpoints as its checkpoint
 * directory holds them ({@code chk-N} appears when checkpoint N is triggered, its {@code _metadata}
 * when it completed).
 */
public final class TaskManagerKills {

    private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");

    private final FlinkCluster cluster;

    public TaskManagerKills(FlinkCluster cluster) {
        this.cluster = cluster;
    }

    /** How many tasks each TaskManager has received so far, from its log. */
    public Map<ManagedProcess, Long> tasksReceived() {
        Map<ManagedProcess, Long> received = new HashMap<>();
        for (ManagedProcess tm : cluster.taskManagers()) {
            received.put(tm, tm.output().lines().filter(l -> l.contains("Received task")).count());
        }
        return received;
    }

    /** Waits until a live TaskManager has received tasks since {@code before}, and returns it. */
    public ManagedProcess awaitTasksReceived(Map<ManagedProcess, Long> before, Duration timeout)
            throws InterruptedException {
        AtomicReference<ManagedProcess> found = new AtomicReference<>();
        Await.until(
                "a TaskManager received the job's tasks",
                timeout,
                () -> {
                    for (Map.Entry<ManagedProcess, Long> now : tasksReceived().entrySet()) {
                        if (now.getKey().isAlive()
                                && now.getValue() > before.getOrDefault(now.getKey(), 0L)) {
                            found.set(now.getKey());
                            return true;
                        }
                    }
                    return false;
                });
        return found.get();
    }

    /** Kills {@code victim} with SIGKILL and starts a replacement; returns the kill's instant. */
    public Instant killAndReplace(ManagedProcess victim) throws Exception {
        Instant killed = Instant.now();
        victim.kill();
        System.out.printf("killed %s at %s%n", victim, killed);
        cluster.startTaskManager();
        return killed;
    }

    /**
     * Waits until a checkpoint with an id of at least {@code id} of the job writing to {@code
     * jobCheckpoints} is triggered (its directory exists) and has not completed yet, and returns
     * its directory. (Ids of checkpoints that failed while the job restarted are used up, and their
     * directories removed.) Polls every millisecond: a checkpoint of this job completes within tens
     * of milliseconds.
     */
    public static Path awaitTriggered(Path jobCheckpoints, long id, Duration timeout)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Path dir : checkpointDirs(jobCheckpoints).toList()) {
                if (id(dir.getFileName().toString()) >= id && !completed(dir)) {
                    return dir;
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no checkpoint from " + id + " on triggered within " + timeout);
    }

    /** Whether the checkpoint in {@code dir} completed (its metadata is written last). */
    public static boolean completed(Path checkpointDir) {
        return Files.exists(checkpointDir.resolve("_metadata"));
    }

    /** The highest checkpoint id under {@code jobCheckpoints} (0 for none). */
    public static long latestTriggered(Path jobCheckpoints) throws IOException {
        return checkpointDirs(jobCheckpoints)
                .mapToLong(d -> id(d.getFileName().toString()))
                .max()
                .orElse(0);
    }

    /** How many checkpoints under {@code jobCheckpoints} completed and are still retained. */
    public static long completedRetained(Path jobCheckpoints) throws IOException {
        return checkpointDirs(jobCheckpoints).filter(TaskManagerKills::completed).count();
    }

    private static Stream<Path> checkpointDirs(Path jobCheckpoints) throws IOException {
        if (!Files.isDirectory(jobCheckpoints)) {
            return Stream.empty();
        }
        try (Stream<Path> children = Files.list(jobCheckpoints)) {
            return children
                    .filter(d -> CHECKPOINT_DIR.matcher(d.getFileName().toString()).matches())
                    .toList()
                    .stream();
        }
    }

    private static long id(String dirName) {
        Matcher m = CHECKPOINT_DIR.matcher(dirName);
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
