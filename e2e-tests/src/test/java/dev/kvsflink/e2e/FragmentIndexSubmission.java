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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fragment-index jar submitted to the cluster as a user does it: {@code flink run
 * fragment-index.jar --region … --output DIR …} (Flink's {@code CliFrontend}, attached: the client
 * process lives until the job ends and exits 0 on success).
 *
 * <pre>{@code
 * FragmentIndexSubmission run = FragmentIndexSubmission.of(cluster, emulator, "index", start, end)
 *         .streams(cameras).output(dir).parallelism(4).submit();
 * String jobId = run.jobId();
 * assertThat(run.awaitExit(Duration.ofMinutes(2))).isZero();
 * }</pre>
 */
public final class FragmentIndexSubmission {

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    private final FlinkCluster cluster;
    private final String name;
    private final List<String> args = new ArrayList<>();
    private ManagedProcess client;

    private FragmentIndexSubmission(FlinkCluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
    }

    /** A run over {@code [start, end)} against the emulator; {@code name} names its log. */
    public static FragmentIndexSubmission of(
            FlinkCluster cluster,
            EmulatorProcess emulator,
            String name,
            Instant start,
            Instant end) {
        FragmentIndexSubmission run = new FragmentIndexSubmission(cluster, name);
        run.flag("--region", EmulatorProcess.REGION)
                .flag("--endpoint", emulator.controlPlane().toString())
                .flag("--start", start.toString())
                .flag("--end", end.toString());
        return run;
    }

    /**
     * A run that tails from {@code start} on (no {@code --end}) until it is stopped, e.g. with
     * {@link FlinkRest#stopWithSavepoint}.
     */
    public static FragmentIndexSubmission tailing(
            FlinkCluster cluster, EmulatorProcess emulator, String name, Instant start) {
        FragmentIndexSubmission run = new FragmentIndexSubmission(cluster, name);
        run.flag("--region", EmulatorProcess.REGION)
                .flag("--endpoint", emulator.controlPlane().toString())
                .flag("--start", start.toString());
        return run;
    }

    public FragmentIndexSubmission streams(List<? extends EmulatedStream> cameras) {
        cameras.forEach(c -> flag("--stream", c.name()));
        return this;
    }

    public FragmentIndexSubmission output(Path dir) {
        return flag("--output", dir.toString());
    }

    public FragmentIndexSubmission parallelism(int parallelism) {
        return flag("--parallelism", Integer.toString(parallelism));
    }

    /** Any other flag of the job, e.g. {@code --budget-tps 0.5} or {@code --checkpoint-dir}. */
    public FragmentIndexSubmission flag(String flag, String value) {
        args.add(flag);
        args.add(value);
        return this;
    }

    /** Starts {@code flink run} in its own process. */
    public FragmentIndexSubmission submit() throws IOException {
        List<String> cmd = new ArrayList<>(Distribution.java());
        cmd.add("-Xmx256m");
        cmd.add(
                "-Dlog4j.configurationFile="
                        + cluster.confDir().resolve("log4j.properties").toUri());
        cmd.addAll(
                List.of(
                        "-cp",
                        Distribution.flinkLib() + "/*",
                        "org.apache.flink.client.cli.CliFrontend",
                        "run",
                        Distribution.fragmentIndexJar().toString()));
        cmd.addAll(args);
        Path dir = cluster.confDir().getParent();
        client =
                ManagedProcess.start(
                        name, cmd, cluster.env(), dir, dir.resolve("logs/" + name + ".log"));
        return this;
    }

    /** The job's id, once the client has printed it. */
    public String jobId() throws InterruptedException {
        AtomicReference<String> id = new AtomicReference<>();
        Await.until(
                name + " prints the id of the submitted job",
                Duration.ofSeconds(90),
                () -> {
                    Matcher m = JOB_ID.matcher(client.output());
                    if (m.find()) {
                        id.set(m.group(1));
                        return true;
                    }
                    if (!client.isAlive()) {
                        throw new IllegalStateException(name + " exited:\n" + client.tail(80));
                    }
                    return false;
                });
        return id.get();
    }

    /** Waits for the client to exit and returns its exit code (0: the job succeeded). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return client.waitFor(timeout);
    }

    public ManagedProcess client() {
        return client;
    }
}
