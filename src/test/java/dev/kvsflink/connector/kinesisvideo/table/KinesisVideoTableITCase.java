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

package dev.kvsflink.connector.kinesisvideo.table;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL over {@code kinesis-video-fragments} tables on a MiniCluster, against the KVS emulator
 * through the SDK client, checked against the emulator's ground truth.
 */
class KinesisVideoTableITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(builder -> builder.seed(11).tpsPerStream(0));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(3));
    private static final List<String> STREAMS = List.of("cam-1", "cam-2", "cam-3");

    @BeforeAll
    static void createStreams() {
        for (int i = 0; i < STREAMS.size(); i++) {
            EMULATOR.emulator()
                    .addSyntheticStream(
                            STREAMS.get(i),
                            SyntheticStreamSpec.builder()
                                    .seed(i)
                                    .fragments(1_500)
                                    .start(START.minus(Duration.ofMinutes(5)))
                                    .interval(Duration.ofSeconds(8))
                                    .jitter(Duration.ofMillis(700))
                                    .producerSkew(Duration.ofSeconds(3))
                                    .tieProbability(0.05)
                                    .digitChangeAt(700)
                                    .build());
        }
    }

    @Test
    void selectStarReturnsEveryFragmentInTheRangeOnce() {
        TableEnvironment tEnv = streamingTableEnvironment();
        tEnv.executeSql(ddl("fragments", "'streams' = 'cam-1;cam-2;cam-3'"));

        List<Row> rows = collect(tEnv, "SELECT * FROM fragments");

        assertThat(rows).containsExactlyInAnyOrderElementsOf(groundTruthRows(STREAMS, false));
    }

    @Test
    void streamsGivenByArnFillTheStreamArnColumn() {
        TableEnvironment tEnv = streamingTableEnvironment();
        List<String> arns = STREAMS.stream().map(EMULATOR.emulator()::streamArn).toList();
        tEnv.executeSql(ddl("fragments", "'stream.arns' = '" + String.join(";", arns) + "'"));

        List<Row> rows = collect(tEnv, "SELECT * FROM fragments");

        assertThat(rows).containsExactlyInAnyOrderElementsOf(groundTruthRows(STREAMS, true));
    }

    @Test
    void projectionAndFilterOnStreamNameReturnThatStreamsFragments() {
        TableEnvironment tEnv = streamingTableEnvironment();
        tEnv.executeSql(ddl("fragments", "'streams' = 'cam-1;cam-2;cam-3'"));

        List<Row> rows =
                collect(
                        tEnv,
                        "SELECT FragmentNumber, FragmentSizeInBytes FROM fragments"
                                + " WHERE StreamName = 'cam-2'");

        List<Row> expected = new ArrayList<>();
        for (EmulatedFragment f : groundTruth("cam-2")) {
            expected.add(Row.of(f.fragmentNumber(), f.fragmentSizeInBytes()));
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void numericOrderOfFragmentNumbersSortsByLengthThenDigits() {
        TableEnvironment tEnv = batchTableEnvironment();
        tEnv.executeSql(ddl("fragments", "'streams' = 'cam-1'"));

        List<Row> rows =
                collect(
                        tEnv,
                        "SELECT FragmentNumber FROM fragments"
                                + " ORDER BY CHAR_LENGTH(FragmentNumber), FragmentNumber");

        List<String> numbers = rows.stream().map(r -> (String) r.getField(0)).toList();
        assertThat(numbers)
                .hasSize(groundTruth("cam-1").size())
                .isSortedAccordingTo(java.util.Comparator.comparing(java.math.BigInteger::new))
                .anySatisfy(n -> assertThat(n).hasSize(47));
    }

    @ParameterizedTest(name = "{0} mode")
    @ValueSource(strings = {"streaming", "batch"})
    void hourlyTumbleCountsEqualTheOfflineCountsWithNothingDroppedAsLate(String mode) {
        TableEnvironment tEnv =
                mode.equals("batch") ? batchTableEnvironment() : streamingTableEnvironment();
        tEnv.executeSql(ddl("fragments", "'streams' = 'cam-1;cam-2;cam-3'"));

        List<Row> rows =
                collect(
                        tEnv,
                        "SELECT StreamName, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE"
                                + " fragments, DESCRIPTOR(ServerTimestamp), INTERVAL '1' HOUR))"
                                + " GROUP BY StreamName, window_start, window_end");

        Map<String, Long> counts = new TreeMap<>();
        for (String stream : STREAMS) {
            for (EmulatedFragment f : groundTruth(stream)) {
                Instant hour = f.serverTimestamp().truncatedTo(ChronoUnit.HOURS);
                counts.merge(stream + " " + hour, 1L, Long::sum);
            }
        }
        List<Row> expected = new ArrayList<>();
        counts.forEach(
                (key, count) -> {
                    String[] parts = key.split(" ");
                    expected.add(
                            Row.of(
                                    parts[0],
                                    LocalDateTime.ofInstant(
                                            Instant.parse(parts[1]), ZoneOffset.UTC),
                                    count));
                });
        assertThat(expected).hasSize(9);
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theDdlWatermarkIsPushedIntoTheSource() {
        TableEnvironment tEnv = streamingTableEnvironment();
        tEnv.executeSql(ddl("fragments", "'streams' = 'cam-1'"));

        String plan = tEnv.explainSql("SELECT FragmentNumber, ServerTimestamp FROM fragments");

        String optimized = plan.substring(plan.indexOf("== Optimized Physical Plan =="));
        assertThat(optimized)
                .contains("TableSourceScan(table=[[default_catalog, default_database, fragments,")
                .contains("watermark=[ServerTimestamp]")
                .contains("project=[FragmentNumber, ServerTimestamp]")
                .doesNotContain("WatermarkAssigner");
    }

    private static TableEnvironment streamingTableEnvironment() {
        return tableEnvironment(RuntimeExecutionMode.STREAMING);
    }

    /** What {@code SET 'execution.runtime-mode' = 'batch'} does in the SQL client. */
    private static TableEnvironment batchTableEnvironment() {
        return tableEnvironment(RuntimeExecutionMode.BATCH);
    }

    private static TableEnvironment tableEnvironment(RuntimeExecutionMode mode) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        // Hourly windows of TIMESTAMP_LTZ columns start on the session time zone's hours.
        conf.set(TableConfigOptions.LOCAL_TIME_ZONE, "UTC");
        // Through the bridge, so that the job runs on the MiniCluster of this class.
        return StreamTableEnvironment.create(
                StreamExecutionEnvironment.getExecutionEnvironment(conf),
                EnvironmentSettings.newInstance().withConfiguration(conf).build());
    }

    /** The DDL, all columns, small windows and pages so that there are many splits. */
    private static String ddl(String table, String streamsOption) {
        KinesisVideoEmulator emulator = EMULATOR.emulator();
        return "CREATE TABLE "
                + table
                + " (\n"
                + "  StreamName STRING,\n"
                + "  StreamARN STRING,\n"
                + "  FragmentNumber STRING,\n"
                + "  FragmentSizeInBytes BIGINT,\n"
                + "  ProducerTimestamp TIMESTAMP_LTZ(3),\n"
                + "  ServerTimestamp TIMESTAMP_LTZ(3),\n"
                + "  FragmentLengthInMilliseconds BIGINT,\n"
                + "  WATERMARK FOR ServerTimestamp AS ServerTimestamp\n"
                + ") WITH (\n"
                + "  'connector' = 'kinesis-video-fragments',\n"
                + "  "
                + streamsOption
                + ",\n"
                + "  'scan.start-timestamp' = '"
                + START
                + "',\n"
                + "  'scan.end-timestamp' = '"
                + END
                + "',\n"
                + "  'source.selector' = 'SERVER_TIMESTAMP',\n"
                + "  'source.window.initial-size' = '10 min',\n"
                + "  'source.window.target-fragments' = '100',\n"
                + "  'source.list-fragments.max-results' = '50',\n"
                + "  'aws.region' = '"
                + emulator.region()
                + "',\n"
                + "  'aws.endpoint' = '"
                + emulator.controlPlaneEndpoint()
                + "',\n"
                + "  'aws.credentials.provider' = 'BASIC',\n"
                + "  'aws.credentials.basic.accesskeyid' = '"
                + emulator.accessKey()
                + "',\n"
                + "  'aws.credentials.basic.secretkey' = '"
                + emulator.secretKey()
                + "',\n"
                + "  'aws.retry-strategy.delay.max' = '500 ms'\n"
                + ")";
    }

    @Test
    void aTableWithoutAnEndTailsALiveStreamInOrderAndExactlyOnce() throws Exception {
        EMULATOR.emulator().addLiveStream("live-sql", LiveStreamSpec.builder().rate(4).build());
        Instant start = Instant.now();
        TableEnvironment tEnv = streamingTableEnvironment();
        tEnv.executeSql(
                ddl("tailing", "'streams' = 'live-sql'")
                        .replace(
                                "'scan.start-timestamp' = '" + START,
                                "'scan.start-timestamp' = '" + start)
                        .replace("  'scan.end-timestamp' = '" + END + "',\n", "")
                        .replace(
                                "'source.selector' = 'SERVER_TIMESTAMP',",
                                "'source.selector' = 'SERVER_TIMESTAMP',\n"
                                        + "  'source.tail.consistency-lag' = '2 s',"));
        Instant mustReach = Instant.now().plus(Duration.ofSeconds(3));
        List<EmulatedFragment> expected = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        try (CloseableIterator<Row> it =
                tEnv.executeSql("SELECT FragmentNumber FROM tailing").collect()) {
            // Unbounded: read until every fragment up to mustReach has come, then cancel.
            while (expected.isEmpty() || numbers.size() < expected.size()) {
                numbers.add((String) it.next().getField(0));
                if (expected.isEmpty() && Instant.now().isAfter(mustReach.plusSeconds(3))) {
                    expected.addAll(
                            EMULATOR.emulator()
                                    .groundTruth(
                                            "live-sql",
                                            SelectorType.SERVER_TIMESTAMP,
                                            start,
                                            mustReach));
                }
            }
        }

        assertThat(numbers)
                .startsWith(
                        expected.stream()
                                .map(EmulatedFragment::fragmentNumber)
                                .toArray(String[]::new));
        assertThat(numbers).doesNotHaveDuplicates();
    }

    private static List<Row> collect(TableEnvironment tEnv, String query) {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        } catch (Exception e) {
            throw new AssertionError("query failed: " + query, e);
        }
        return rows;
    }

    private static List<EmulatedFragment> groundTruth(String stream) {
        return EMULATOR.emulator()
                .groundTruth(stream, SelectorType.SERVER_TIMESTAMP, START, END.minusMillis(1));
    }

    private static List<Row> groundTruthRows(List<String> streams, boolean byArn) {
        List<Row> rows = new ArrayList<>();
        for (String stream : streams) {
            String arn = byArn ? EMULATOR.emulator().streamArn(stream) : null;
            for (EmulatedFragment f : groundTruth(stream)) {
                rows.add(
                        Row.of(
                                stream,
                                arn,
                                f.fragmentNumber(),
                                f.fragmentSizeInBytes(),
                                f.producerTimestamp(),
                                f.serverTimestamp(),
                                f.fragmentLengthInMilliseconds()));
            }
        }
        return rows;
    }
}
