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
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone Flink session cluster of separate processes on 127.0.0.1: one JobManager and any
 * number of TaskManagers with two slots each, run from {@link Distribution#flinkLib()} the way
 * Flink's shell scripts run a distribution (memory flags from {@code BashJavaUtils}, {@code
 * conf/config.yaml}, Java 17 flags). Every port is free when chosen and every listener binds
 * loopback.
 *
 * <pre>{@code
 * FlinkCluster cluster = FlinkCluster.start(dir, 2, Map.of("AWS_ACCESS_KEY_ID", "..."));
 * ManagedProcess tm = cluster.taskManagers().get(0);
 * tm.kill();
 * cluster.startTaskManager();
 * }</pre>
 */
public final class FlinkCluster {

    public static final int SLOTS_PER_TASK_MANAGER = 2;

    private final Path home;
    private final Map<String, String> env;
    private final FlinkRest rest;
    private final URI restUri;
    private final List<ManagedProcess> taskManagers = new ArrayList<>();
    private List<String> taskManagerParams;
    private ManagedProcess jobManager;

    private FlinkCluster(Path home, Map<String, String> env, URI restUri) {
        this.home = home;
        this.env = env;
        this.restUri = restUri;
        this.rest = new FlinkRest(restUri);
    }

    /**
     * Writes the configuration under {@code home/conf}, starts the JobManager and {@code
     * taskManagers} TaskManagers, and returns once all are registered.
     *
     * @param env environment variables of every process (e.g. the AWS credentials)
     */
    public static FlinkCluster start(Path home, int taskManagers, Map<String, String> env)
            throws IOException, InterruptedException {
        int restPort = freePort();
        Map<String, String> processEnv = new HashMap<>(env);
        processEnv.put("FLINK_CONF_DIR", home.resolve("conf").toString());
        FlinkCluster cluster =
                new FlinkCluster(
                        home, Map.copyOf(processEnv), URI.create("http://127.0.0.1:" + restPort));
        cluster.writeConfiguration(restPort);
        cluster.startJobManager();
        for (int i = 0; i < taskManagers; i++) {
            cluster.startTaskManager();
        }
        cluster.awaitTaskManagers(taskManagers);
        return cluster;
    }

    public FlinkRest rest() {
        return rest;
    }

    public URI restUri() {
        return restUri;
    }

    public Path confDir() {
        return home.resolve("conf");
    }

    /** The environment of every process of the cluster and its clients. */
    public Map<String, String> env() {
        return env;
    }

    public ManagedProcess jobManager() {
        return jobManager;
    }

    /** The TaskManagers started so far, killed ones included. */
    public List<ManagedProcess> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /** Starts one more TaskManager (it registers with the JobManager on its own). */
    public ManagedProcess startTaskManager() throws IOException, InterruptedException {
        if (taskManagerParams == null) {
            taskManagerParams = resourceParams("GET_TM_RESOURCE_PARAMS");
        }
        String name = "taskmanager-" + (taskManagers.size() + 1);
        ManagedProcess tm =
                startFlinkProcess(
                        name,
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        taskManagerParams);
        taskManagers.add(tm);
        return tm;
    }

    /** Waits until {@code count} TaskManagers are registered and all their slots are free. */
    public void awaitTaskManagers(int count) throws InterruptedException {
        Await.until(
                count + " TaskManagers with free slots are registered at " + restUri,
                Duration.ofSeconds(90),
                () -> {
                    requireJobManagerAlive();
                    var overview = rest.overview();
                    return overview.path("taskmanagers").asInt() == count
                            && overview.path("slots-available").asInt()
                                    == count * SLOTS_PER_TASK_MANAGER;
                });
    }

    private void requireJobManagerAlive() {
        if (!jobManager.isAlive()) {
            throw new IllegalStateException("the JobManager exited:\n" + jobManager.tail(80));
        }
    }

    private void startJobManager() throws IOException, InterruptedException {
        jobManager =
                startFlinkProcess(
                        "jobmanager",
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        resourceParams("GET_JM_RESOURCE_PARAMS"));
    }

    /**
     * The JVM flags (first result line) and {@code -D key=value} properties (second line) that
     * Flink's scripts get from {@code BashJavaUtils}: a TaskManager without them exits.
     */
    private List<String> resourceParams(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(Distribution.java());
        cmd.addAll(
                List.of(
                        "-cp",
                        Distribution.flinkLib() + "/*",
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        command,
                        "--configDir",
                        confDir().toString()));
        ManagedProcess utils =
                ManagedProcess.start(
                        command.toLowerCase(), cmd, env, home, logs().resolve(command + ".out"));
        if (utils.waitFor(Duration.ofSeconds(60)) != 0) {
            throw new IllegalStateException("BashJavaUtils failed:\n" + utils.tail(80));
        }
        List<String> results =
                utils.output()
                        .lines()
                        .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                        .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim())
                        .toList();
        if (results.size() < 2) {
            throw new IllegalStateException("unexpected BashJavaUtils output:\n" + utils.tail(80));
        }
        List<String> params = new ArrayList<>();
        params.add(results.get(0)); // JVM flags, one string: split below
        params.add(results.get(1)); // dynamic properties
        return params;
    }

    private ManagedProcess startFlinkProcess(
            String name, String mainClass, List<String> resourceParams) throws IOException {
        List<String> cmd = new ArrayList<>(Distribution.java());
        cmd.addAll(Arrays.asList(resourceParams.get(0).split("\\s+")));
        cmd.add("-Dlog4j.configurationFile=" + confDir().resolve("log4j.properties").toUri());
        cmd.addAll(List.of("-cp", Distribution.flinkLib() + "/*", mainClass));
        cmd.addAll(List.of("--configDir", confDir().toString()));
        cmd.addAll(Arrays.asList(resourceParams.get(1).split("\\s+")));
        return ManagedProcess.start(name, cmd, env, home, logs().resolve(name + ".log"));
    }

    private Path logs() {
        return home.resolve("logs");
    }

    private void writeConfiguration(int restPort) throws IOException {
        Files.createDirectories(confDir());
        Files.writeString(
                confDir().resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager:",
                        "  rpc: {address: 127.0.0.1, port: " + freePort() + "}",
                        "  bind-host: 127.0.0.1",
                        "  memory: {process: {size: 1024m}}",
                        "taskmanager:",
                        "  bind-host: 127.0.0.1",
                        "  host: 127.0.0.1",
                        "  numberOfTaskSlots: " + SLOTS_PER_TASK_MANAGER,
                        "  memory: {process: {size: 1280m}, managed: {size: 128m}}",
                        "rest: {address: 127.0.0.1, bind-address: 127.0.0.1, port: "
                                + restPort
                                + "}",
                        "blob: {server: {port: " + freePort() + "}}",
                        "# A killed TaskManager is noticed within seconds (failed heartbeat RPCs), not 50 s.",
                        "heartbeat: {interval: 1000, timeout: 15000}",
                        "# Clients (the CLI, the SQL client) submit to this cluster.",
                        "execution: {target: remote}",
                        ""));
        Files.writeString(
                confDir().resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.out.ref = Out",
                        "appender.out.name = Out",
                        "appender.out.type = CONSOLE",
                        "appender.out.target = SYSTEM_OUT",
                        "appender.out.layout.type = PatternLayout",
                        "appender.out.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1.} [%t] - %m%n",
                        "logger.pekko.name = org.apache.pekko",
                        "logger.pekko.level = WARN",
                        "logger.shaded.name = org.apache.flink.shaded",
                        "logger.shaded.level = WARN",
                        "logger.aws.name = software.amazon.awssdk",
                        "logger.aws.level = WARN",
                        ""));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
