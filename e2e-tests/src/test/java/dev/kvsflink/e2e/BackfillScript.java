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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/backfill/savepoint-backfill.sh} run as a user runs it, in its own process: on a
 * local MiniCluster, or against a cluster through a {@code FLINK_HOME} whose {@code bin/flink} is
 * Flink's {@code CliFrontend} on {@link Distribution#flinkLib()}, as a distribution's is. What it
 * wrote stays in its work directory ({@code index/}, logs of each step).
 */
public final class BackfillScript {

    /** The range the script's resumed run must have indexed, as the script states it. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    static final Instant FINAL_END = Instant.parse("2026-01-01T18:00:00Z");

    /**
     * How long the whole script may take: it takes 30 s to 60 s on a loaded 2-core machine, and
     * waits up to 180 s for the first run's first committed files.
     */
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static final Pattern CAMERA =
            Pattern.compile("^\\s*\"synthetic:([^:]+):([^\"]+)\"\\s*$", Pattern.MULTILINE);

    private final ManagedProcess process;
    private final Path workDir;

    private BackfillScript(ManagedProcess process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
    }

    /** Runs the script on a local MiniCluster, with its work directory under {@code dir}. */
    public static BackfillScript local(Path dir) throws IOException {
        return start(dir, List.of(), Map.of());
    }

    /** Runs the script against {@code cluster} ({@code --cluster} and a {@code FLINK_HOME}). */
    public static BackfillScript onCluster(Path dir, FlinkCluster cluster) throws IOException {
        Path flinkHome = flinkHome(dir.resolve("flink-home"));
        return start(
                dir,
                List.of("--cluster", cluster.restUri().toString()),
                Map.of("FLINK_HOME", flinkHome.toString()));
    }

    private static BackfillScript start(Path dir, List<String> extra, Map<String, String> env)
            throws IOException {
        Path work = dir.resolve("work");
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(Distribution.backfillScript().toString());
        cmd.addAll(
                List.of(
                        "--jar",
                        Distribution.fragmentIndexJar().toString(),
                        "--work-dir",
                        work.toString()));
        cmd.addAll(extra);
        Map<String, String> processEnv = new HashMap<>(env);
        // The emulator's key pair: the one the cluster's processes were started with.
        processEnv.putAll(EmulatorProcess.credentialsEnv());
        processEnv.put("JAVA_HOME", System.getProperty("java.home"));
        Files.createDirectories(dir);
        ManagedProcess process =
                ManagedProcess.start(
                        "savepoint-backfill", cmd, processEnv, dir, dir.resolve("script.log"));
        return new BackfillScript(process, work);
    }

    /**
     * A distribution's layout as far as the script uses it: {@code bin/flink} starts the CLI with
     * {@code conf/} of this home, which names no cluster (the script's {@code --cluster} does), and
     * logs to {@code log/flink-cli.log}.
     */
    private static Path flinkHome(Path home) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/config.yaml"), "");
        // As a distribution's log4j-cli.properties: the CLI logs to a file, not to the terminal.
        Files.writeString(
                home.resolve("conf/log4j-cli.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = File",
                        "appender.file.name = File",
                        "appender.file.type = FILE",
                        "appender.file.append = true",
                        "appender.file.fileName = " + home.resolve("log/flink-cli.log"),
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1.} - %m%n",
                        ""));
        List<String> java = new ArrayList<>(Distribution.java());
        java.add("-Xmx256m");
        java.add("-Dlog4j.configurationFile=" + home.resolve("conf/log4j-cli.properties").toUri());
        Path flink = home.resolve("bin/flink");
        Files.writeString(
                flink,
                String.join(
                        "\n",
                        "#!/usr/bin/env bash",
                        "# Flink's CLI, as a distribution's bin/flink runs it.",
                        "export FLINK_CONF_DIR=\"" + home.resolve("conf") + "\"",
                        "exec "
                                + String.join(" ", java)
                                + " -cp \""
                                + Distribution.flinkLib()
                                + "/*\" org.apache.flink.client.cli.CliFrontend \"$@\"",
                        ""));
        if (!flink.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + flink + " executable");
        }
        return home;
    }

    /** Waits for the script to end and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout);
    }

    /** What the script printed (and its jobs, the CLI and the verifier with it). */
    public String output() {
        return process.output();
    }

    /** The index both runs wrote. */
    public Path index() {
        return workDir.resolve("index");
    }

    /** The first number the line starting with {@code prefix} holds, e.g. fragments indexed. */
    public long number(String prefix) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(prefix) + "\\D*(\\d+)").matcher(output());
        if (!m.find()) {
            throw new AssertionError("the script printed no '" + prefix + "' line:\n" + output());
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Asserts what the script shows: it ended with exit code 0 and the verifier's verdict EXACT,
     * the first run indexed part of the range before its savepoint, and the index holds every
     * fragment of {@code [START, FINAL_END)} exactly once (checked here too, against the ground
     * truth computed from the script's camera specs, not only by the shipped verifier).
     */
    public void assertResumedBackfillIsExact(Duration timeout)
            throws IOException, InterruptedException {
        int exit = awaitExit(timeout);
        assertThat(exit).as("exit code of the script:\n%s", output()).isZero();
        assertThat(output())
                .contains(
                        "verdict: EXACT: every fragment of the range written exactly once, as the"
                                + " emulator holds it");
        long before = number("indexed before the savepoint:");
        long after = number("indexed after the resumed run:");
        assertThat(before).as("fragments indexed before the savepoint").isPositive();
        assertThat(after).as("fragments indexed after the resume").isGreaterThan(before);
        assertThat(FragmentLine.readFinished(index()))
                .containsExactlyInAnyOrderElementsOf(groundTruth());
    }

    /**
     * Every fragment of {@code [START, FINAL_END)} of the script's cameras, computed here from the
     * specs the script gives its emulator.
     */
    public static List<FragmentLine> groundTruth() throws IOException {
        Matcher m = CAMERA.matcher(Files.readString(Distribution.backfillScript()));
        List<FragmentLine> all = new ArrayList<>();
        while (m.find()) {
            all.addAll(new SyntheticCamera(m.group(1), m.group(2)).groundTruth(START, FINAL_END));
        }
        if (all.isEmpty()) {
            throw new AssertionError("no synthetic camera in " + Distribution.backfillScript());
        }
        return all;
    }
}
