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

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the build put in place for the processes: the cluster's {@code lib/} (Flink from Maven
 * Central, copied by the dependency plugin), the SQL client's extra jars, the jars under test, and
 * the Java launcher with the flags Flink's scripts pass on Java 17. Paths come from system
 * properties set in the module's pom.
 */
public final class Distribution {

    /** Flink's default {@code env.java.opts.all} on Java 17. */
    private static final List<String> JAVA_17_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private Distribution() {}

    public static Path flinkLib() {
        return existing("e2e.flinkLib", "run mvn verify: the dependency plugin fills it");
    }

    public static Path sqlClientLib() {
        return existing("e2e.sqlClientLib", "run mvn verify: the dependency plugin fills it");
    }

    public static Path fragmentIndexJar() {
        return existing("e2e.fragmentIndexJar", "package the examples module first");
    }

    /** The savepoint-resumed backfill example's script, {@code examples/backfill/}. */
    public static Path backfillScript() {
        return existing("e2e.backfillScript", "it lives in examples/backfill/");
    }

    public static Path sqlConnectorJar() {
        return existing("e2e.sqlJar", "package flink-sql-connector-kinesis-video first");
    }

    /** Where each test class keeps its configuration, logs and output. */
    public static Path workDir() {
        return Path.of(System.getProperty("e2e.workDir", "target/e2e")).toAbsolutePath();
    }

    /** {@code java} and the Java 17 flags, for a process that runs Flink code. */
    public static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_17_FLAGS);
        return command;
    }

    /** The class path of every jar in {@code dirs}, in a stable order. */
    public static String classPath(Path... dirs) {
        List<String> jars = new ArrayList<>();
        for (Path dir : dirs) {
            try (var files = Files.list(dir)) {
                jars.addAll(
                        files.filter(f -> f.toString().endsWith(".jar"))
                                .map(Path::toString)
                                .sorted()
                                .toList());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot list " + dir, e);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    /** This JVM's class path without Flink and the test framework: what the emulator needs. */
    public static String emulatorClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("/org/apache/flink/"))
                .filter(e -> !e.contains("/junit") && !e.contains("/assertj"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Path existing(String property, String hint) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("missing " + property + " (" + value + "): " + hint);
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
