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

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    @Test
    void examplesHourlyCoverageScriptRunsInTheSqlClientWithTheCoverageOfTheGroundTruth()
            throws Exception {
        // The script as shipped, its placeholders filled as examples/README.md fills them; two
        // hours, so that both cameras span an hour boundary.
        Instant end = START.plus(Duration.ofHours(2));
        String script =
                Files.readString(Path.of("..", "examples", "sql", "hourly-coverage.sql"))
                        .replace(
                                "${STREAMS}",
                                String.join(
                                        ";", CAMERAS.stream().map(SyntheticCamera::name).toList()))
                        .replace("${REGION}", EmulatorProcess.REGION)
                        .replace("${START}", START.toString())
                        .replace("${END}", end.toString())
                        .replace("${ENDPOINT}", emulator.controlPlane().toString())
                        .replace("${ACCESS_KEY}", EmulatorProcess.ACCESS_KEY)
                        .replace("${SECRET_KEY}", EmulatorProcess.SECRET_KEY);

        ManagedProcess client =
                SqlClient.run(
                        cluster,
                        "sql-client-coverage",
                        Distribution.sqlConnectorJar(),
                        "SET 'sql-client.execution.result-mode' = 'tableau';\n" + script);

        assertThat(client.waitFor(Duration.ofMinutes(3)))
                .as("exit code of the SQL client:\n%s", client.tail(60))
                .isZero();
        List<CoverageRow> expected = new ArrayList<>();
        for (SyntheticCamera camera : CAMERAS) {
            expected.addAll(CoverageRow.offline(camera.name(), camera.groundTruth(START, end)));
        }
        assertThat(expected).hasSize(4);
        assertThat(CoverageRow.parseTableau(client.output()))
                .as("rows printed by the SQL client:\n%s", client.tail(30))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** One row of hourly-coverage.sql, with decimals compared by value. */
    private record CoverageRow(
            String camera,
            String hourStart,
            long fragments,
            BigDecimal secondsCovered,
            long gaps,
            BigDecimal gapSeconds) {

        private static final long GAP_THRESHOLD_MILLIS = 10_000;

        CoverageRow {
            secondsCovered = secondsCovered.stripTrailingZeros();
            gapSeconds = gapSeconds.stripTrailingZeros();
        }

        /** The script's rows computed from the ground truth of one camera, in server time. */
        static List<CoverageRow> offline(String camera, List<FragmentLine> fragments) {
            Map<Instant, long[]> hours = new TreeMap<>(); // fragments, covered ms, gaps, gap ms
            long previousEnd = Long.MIN_VALUE;
            for (FragmentLine f : fragments) {
                Instant start = Instant.parse(f.serverTimestamp());
                long[] hour =
                        hours.computeIfAbsent(
                                start.truncatedTo(ChronoUnit.HOURS), h -> new long[4]);
                hour[0]++;
                hour[1] += f.lengthInMillis();
                long gap = start.toEpochMilli() - previousEnd;
                if (previousEnd != Long.MIN_VALUE && gap > GAP_THRESHOLD_MILLIS) {
                    hour[2]++;
                    hour[3] += gap;
                }
                previousEnd = start.toEpochMilli() + f.lengthInMillis();
            }
            List<CoverageRow> rows = new ArrayList<>();
            hours.forEach(
                    (hour, t) ->
                            rows.add(
                                    new CoverageRow(
                                            camera,
                                            hour.toString().replace('T', ' ').replace("Z", ".000"),
                                            t[0],
                                            BigDecimal.valueOf(t[1], 3),
                                            t[2],
                                            BigDecimal.valueOf(t[3], 3))));
            return rows;
        }

        /** The data rows of the SQL client's tableau output: {@code | a | b | ... |} lines. */
        static List<CoverageRow> parseTableau(String output) {
            List<CoverageRow> rows = new ArrayList<>();
            for (String line : output.lines().toList()) {
                String[] cells = line.strip().split("\\s*\\|\\s*");
                // "| camera | hour_start | ... |" splits into "", then six cells.
                if (cells.length != 7 || cells[1].equals("camera")) {
                    continue;
                }
                rows.add(
                        new CoverageRow(
                                cells[1],
                                cells[2],
                                Long.parseLong(cells[3]),
                                new BigDecimal(cells[4]),
                                Long.parseLong(cells[5]),
                                new BigDecimal(cells[6])));
            }
            return rows;
        }
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
