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

package dev.kvsflink.connector.kinesisvideo.sql;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded jar is self-contained: a SQL query runs in a separate JVM whose class path holds only
 * Flink's jars (with their own dependencies) and the shaded jar, not the connector nor the AWS SDK,
 * and returns the emulator's ground truth. The emulator runs in this JVM; its endpoint and key pair
 * go into the DDL.
 */
class ShadedJarSqlITCase {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));

    /** What the shaded jar replaces, and this module's own build output. */
    private static final List<String> NOT_FLINK =
            List.of(
                    "/software/amazon/",
                    "/com/fasterxml/jackson/",
                    "/org/apache/httpcomponents/",
                    "/io/netty/",
                    "/org/reactivestreams/",
                    "/commons-logging/",
                    "/commons-codec/",
                    "/dev/kvsflink/",
                    "/target/",
                    "/junit",
                    "/assertj",
                    "/opentest4j/",
                    "/apiguardian/",
                    "/surefire");

    @Test
    void aSqlQueryReadsTheGroundTruthWithOnlyFlinkAndTheShadedJar(@TempDir Path dir)
            throws Exception {
        try (KinesisVideoEmulator emulator = KinesisVideoEmulator.builder().seed(3).build()) {
            emulator.addSyntheticStream(
                    "cam-1",
                    SyntheticStreamSpec.builder()
                            .seed(1)
                            .fragments(1_000)
                            .start(START)
                            .interval(Duration.ofSeconds(2))
                            .build());
            emulator.start();

            Path stdout = dir.resolve("stdout.txt");
            Path stderr = dir.resolve("stderr.txt");
            Process child =
                    new ProcessBuilder(command(ddl(emulator)))
                            .redirectOutput(stdout.toFile())
                            .redirectError(stderr.toFile())
                            .start();
            boolean exited = child.waitFor(5, TimeUnit.MINUTES);
            if (!exited) {
                child.destroyForcibly();
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            assertThat(exited && child.exitValue() == 0).as("child JVM failed:\n%s", err).isTrue();

            List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            assertThat(lines)
                    .doesNotContain(
                            "UNSHADED SDK ON THE CLASS PATH",
                            "UNSHADED CONNECTOR ON THE CLASS PATH");
            List<String> expected = new ArrayList<>();
            for (EmulatedFragment f :
                    emulator.groundTruth(
                            "cam-1", SelectorType.SERVER_TIMESTAMP, START, END.minusMillis(1))) {
                expected.add("ROW cam-1 " + f.fragmentNumber());
            }
            assertThat(expected).hasSizeGreaterThan(500);
            assertThat(lines.stream().filter(l -> l.startsWith("ROW ")))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static List<String> command(String ddl) {
        String classPath =
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .filter(entry -> NOT_FLINK.stream().noneMatch(entry::contains))
                        .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // What Flink's own scripts pass on Java 17.
        for (String pkg :
                List.of("java.lang", "java.util", "java.nio", "sun.nio.ch", "java.lang.reflect")) {
            command.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classPath + File.pathSeparator + ShadedJar.path());
        command.add(System.getProperty("isolatedProgram"));
        command.add(ddl);
        command.add("SELECT StreamName, FragmentNumber FROM fragments");
        return command;
    }

    private static String ddl(KinesisVideoEmulator emulator) {
        return String.join(
                "\n",
                "CREATE TABLE fragments (",
                "  FragmentNumber STRING,",
                "  StreamName STRING",
                ") WITH (",
                "  'connector' = 'kinesis-video-fragments',",
                "  'streams' = 'cam-1',",
                "  'scan.start-timestamp' = '" + START + "',",
                "  'scan.end-timestamp' = '" + END + "',",
                "  'aws.region' = '" + emulator.region() + "',",
                "  'aws.endpoint' = '" + emulator.controlPlaneEndpoint() + "',",
                "  'aws.credentials.provider' = 'BASIC',",
                "  'aws.credentials.basic.accesskeyid' = '" + emulator.accessKey() + "',",
                "  'aws.credentials.basic.secretkey' = '" + emulator.secretKey() + "'",
                ")");
    }
}
