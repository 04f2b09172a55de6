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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded SQL jar on a real cluster: Flink's SQL client adds it with {@code --jar} and runs a
 * script whose bounded {@code kinesis-video-fragments} table is copied into a filesystem table on a
 * session cluster of separate processes (one JobManager, two TaskManagers), reading from the
 * emulator's process. The copy must hold every fragment of the ground truth exactly once.
 */
@ExtendWith(LogsOnFailure.class)
class SqlClientOnClusterITCase {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T01:00:00Z");

    private static final List<SyntheticCamera> CAMERAS =
            List.of(
                    new SyntheticCamera("sql-1", "seed=7,fragments=3000"),
                    new SyntheticCamera("sql-2", "seed=8,fragments=3000,interval=3s"));

    private static FlinkCluster cluster;
    private static EmulatorProcess emulator;
    private static Path home;

    @BeforeAll
    static void startClusterAndEmulator() throws Exception {
        home = Distribution.workDir().resolve("sql-client-" + System.currentTimeMillis());
        emulator = EmulatorProcess.start(home, 5, CAMERAS);
        cluster = FlinkCluster.start(home, 2, EmulatorProcess.credentialsEnv());
    }

    @AfterAll
    static void stopEverything() {
        ProcessRegistry.stopAll();
    }

    @Test
    void sqlScriptWithTheShadedJarCopiesEveryFragmentOnce() throws Exception {
        Path output = home.resolve("sql-index");

        ManagedProcess client =
                SqlClient.run(
                        cluster, "sql-client", Distribution.sqlConnectorJar(), script(output));

        assertThat(client.waitFor(Duration.ofMinutes(3)))
                .as("exit code of the SQL client:\n%s", client.tail(60))
                .isZero();
        List<FragmentLine> expected = new ArrayList<>();
        for (SyntheticCamera camera : CAMERAS) {
            expected.addAll(camera.groundTruth(START, END));
        }
        assertThat(FragmentLine.readFinished(output)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A bounded table over both streams, copied in batch mode to JSON files, timestamps in UTC. */
    private static String script(Path output) {
        String timestamp = "'yyyy-MM-dd''T''HH:mm:ss.SSS''Z'''";
        return String.join(
                "\n",
                "SET 'execution.runtime-mode' = 'batch';",
                "SET 'table.dml-sync' = 'true';",
                "SET 'table.local-time-zone' = 'UTC';",
                "SET 'parallelism.default' = '2';",
                "CREATE TABLE fragments (",
                "  StreamName STRING,",
                "  FragmentNumber STRING,",
                "  FragmentSizeInBytes BIGINT,",
                "  ProducerTimestamp TIMESTAMP_LTZ(3),",
                "  ServerTimestamp TIMESTAMP_LTZ(3),",
                "  FragmentLengthInMilliseconds BIGINT",
                ") WITH (",
                "  'connector' = 'kinesis-video-fragments',",
                "  'streams' = '"
                        + String.join(";", CAMERAS.stream().map(SyntheticCamera::name).toList())
                        + "',",
                "  'aws.region' = '" + EmulatorProcess.REGION + "',",
                "  'aws.endpoint' = '" + emulator.controlPlane() + "',",
                "  'scan.start-timestamp' = '" + START + "',",
                "  'scan.end-timestamp' = '" + END + "'",
                ");",
                "CREATE TABLE fragment_index (",
                "  StreamName STRING,",
                "  FragmentNumber STRING,",
                "  FragmentSizeInBytes BIGINT,",
                "  ProducerTimestamp STRING,",
                "  ServerTimestamp STRING,",
                "  FragmentLengthInMilliseconds BIGINT",
                ") WITH (",
                "  'connector' = 'filesystem',",
                "  'path' = '" + output.toUri() + "',",
                "  'format' = 'json'",
                ");",
                "INSERT INTO fragment_index",
                "SELECT StreamName, FragmentNumber, FragmentSizeInBytes,",
                "  DATE_FORMAT(CAST(ProducerTimestamp AS TIMESTAMP(3)), " + timestamp + "),",
                "  DATE_FORMAT(CAST(ServerTimestamp AS TIMESTAMP(3)), " + timestamp + "),",
                "  FragmentLengthInMilliseconds",
                "FROM fragments;",
                "");
    }
}
