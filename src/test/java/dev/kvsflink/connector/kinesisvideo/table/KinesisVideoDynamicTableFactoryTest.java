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

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Which DDL the {@code kinesis-video-fragments} factory accepts, and that it rejects the rest with
 * messages naming the offending column or option, its value and what is allowed. The factory runs
 * when a query is planned, so each case plans {@code SELECT *} (nothing is executed).
 */
class KinesisVideoDynamicTableFactoryTest {

    private static final String COLUMNS = "StreamName STRING, FragmentNumber STRING";
    private static final AtomicInteger TABLES = new AtomicInteger();

    private static TableEnvironment tEnv;

    @BeforeAll
    static void createTableEnvironment() {
        tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    }

    static Stream<Arguments> badDdl() {
        return Stream.of(
                Arguments.of(
                        "unknown column",
                        "Foo STRING",
                        Map.of(),
                        List.of("Unknown column 'Foo' STRING", "StreamName STRING, StreamARN")),
                Arguments.of(
                        "mistyped column",
                        "FragmentNumber BIGINT",
                        Map.of(),
                        List.of(
                                "Column 'FragmentNumber' is declared as BIGINT, but must be STRING",
                                "FragmentSizeInBytes BIGINT")),
                Arguments.of(
                        "timestamp without time zone",
                        "ServerTimestamp TIMESTAMP(3)",
                        Map.of(),
                        List.of(
                                "'ServerTimestamp' is declared as TIMESTAMP(3)",
                                "TIMESTAMP_LTZ(3)")),
                Arguments.of(
                        "StreamARN NOT NULL",
                        "StreamARN STRING NOT NULL",
                        Map.of(),
                        List.of("'StreamARN' is declared as STRING NOT NULL", "(nullable)")),
                Arguments.of(
                        "no stream",
                        COLUMNS,
                        without("streams"),
                        List.of("No stream to read", "'streams'", "'stream.arns'")),
                Arguments.of(
                        "both streams and stream.arns",
                        COLUMNS,
                        Map.of(
                                "stream.arns",
                                "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1"),
                        List.of("Both 'streams' and 'stream.arns' are set")),
                Arguments.of(
                        "an ARN in streams",
                        COLUMNS,
                        Map.of(
                                "streams",
                                "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1"),
                        List.of(
                                "Invalid value 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1' for option 'streams'",
                                "'stream.arns'")),
                Arguments.of(
                        "invalid stream name",
                        COLUMNS,
                        Map.of("streams", "cam 1"),
                        List.of("option 'streams'", "Invalid stream name 'cam 1'")),
                Arguments.of(
                        "invalid stream ARN",
                        COLUMNS,
                        Map.of("stream.arns", "arn:nope", "streams", ""),
                        List.of("option 'stream.arns'", "Invalid stream ARN 'arn:nope'")),
                Arguments.of(
                        "end before start",
                        COLUMNS,
                        Map.of("scan.end-timestamp", "2025-12-31T00:00:00Z"),
                        List.of(
                                "Invalid value '2025-12-31T00:00:00Z' for option 'scan.end-timestamp'",
                                "after 'scan.start-timestamp' (2026-01-01T00:00:00Z)")),
                Arguments.of(
                        "start that is no instant",
                        COLUMNS,
                        Map.of("scan.start-timestamp", "yesterday"),
                        List.of(
                                "Invalid value 'yesterday' for option 'scan.start-timestamp'",
                                "ISO-8601 instant")),
                Arguments.of(
                        "missing start",
                        COLUMNS,
                        without("scan.start-timestamp"),
                        List.of("Missing required options", "scan.start-timestamp")),
                Arguments.of(
                        "missing region",
                        COLUMNS,
                        without("aws.region"),
                        List.of("Missing required options", "aws.region")),
                Arguments.of(
                        "unknown option",
                        COLUMNS,
                        Map.of("source.windw.min-size", "1 s"),
                        List.of("Unsupported options", "source.windw.min-size")),
                Arguments.of(
                        "bad duration",
                        COLUMNS,
                        Map.of("source.window.min-size", "10 parsecs"),
                        List.of(
                                "Could not parse value '10 parsecs' for key 'source.window.min-size'",
                                "MINUTES: (min | m | minute | minutes)")),
                Arguments.of(
                        "bad selector",
                        COLUMNS,
                        Map.of("source.selector", "ARRIVAL"),
                        List.of(
                                "Could not parse value 'ARRIVAL' for key 'source.selector'",
                                "[PRODUCER_TIMESTAMP, SERVER_TIMESTAMP]")),
                Arguments.of(
                        "max results out of range",
                        COLUMNS,
                        Map.of("source.list-fragments.max-results", "5000"),
                        List.of("source.list-fragments.max-results", "5000")),
                Arguments.of(
                        "bad credentials provider",
                        COLUMNS,
                        Map.of("aws.credentials.provider", "MAGIC"),
                        List.of("'aws.credentials.provider'", "MAGIC", "BASIC")),
                Arguments.of(
                        "zero source parallelism",
                        COLUMNS,
                        Map.of("scan.parallelism", "0"),
                        List.of("Invalid value '0' for option 'scan.parallelism'", ">= 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDdl")
    void rejectsBadDdlNamingTheOffender(
            String name, String columns, Map<String, String> options, List<String> messages) {
        String table = createTable(columns, options);

        assertThatThrownBy(() -> tEnv.explainSql("SELECT * FROM " + table))
                .satisfies(
                        e -> {
                            String chain = messagesOf(e);
                            for (String message : messages) {
                                assertThat(chain).contains(message);
                            }
                        });
    }

    @Test
    void acceptsAnySubsetOfColumnsInAnyOrderAndNotNull() {
        String table =
                createTable(
                        "FragmentLengthInMilliseconds BIGINT NOT NULL,"
                                + " ProducerTimestamp TIMESTAMP_LTZ(3), StreamARN STRING,"
                                + " StreamName STRING NOT NULL",
                        Map.of());

        assertThat(tEnv.explainSql("SELECT * FROM " + table)).contains("TableSourceScan");
    }

    @Test
    void acceptsEverySharedOptionAndBlanksAroundStreams() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("source.window.initial-size", "5 min");
        options.put("source.window.min-size", "2 s");
        options.put("source.window.max-size", "1 d");
        options.put("source.window.target-fragments", "500");
        options.put("source.list-fragments.max-results", "100");
        options.put("source.reader.splits-in-flight", "3");
        options.put("source.stream.max-concurrent-windows", "2");
        options.put("aws.endpoint", "http://127.0.0.1:4566");
        options.put("aws.credentials.provider", "BASIC");
        options.put("aws.credentials.basic.accesskeyid", "AKIAEXAMPLE");
        options.put("aws.credentials.basic.secretkey", "secret");
        options.put("aws.retry-strategy.attempts.max", "3");
        options.put("aws.retry-strategy.delay.base", "50 ms");
        options.put("aws.retry-strategy.delay.max", "1 s");
        options.put("aws.http-client.connection-timeout", "1 s");
        options.put("aws.http-client.socket-timeout", "5 s");
        options.put("aws.http-client.max-connections", "4");
        options.put("scan.parallelism", "3");
        options.put("source.selector", "PRODUCER_TIMESTAMP");
        options.put("streams", "cam-1; cam-2 ;cam-3");
        String table = createTable(COLUMNS, options);

        assertThat(tEnv.explainSql("SELECT * FROM " + table)).contains("TableSourceScan");
    }

    @Test
    void aTableWithoutAnEndTailsTheStreamsInStreamingMode() {
        String table = createTable(COLUMNS, without("scan.end-timestamp"));

        assertThat(tEnv.explainSql("SELECT * FROM " + table)).contains("TableSourceScan");
    }

    @Test
    void aTableWithoutAnEndIsRejectedInBatchModeAsUnbounded() {
        TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        String table = createTable(COLUMNS, without("scan.end-timestamp"));
        batch.executeSql(
                tEnv.executeSql("SHOW CREATE TABLE " + table)
                        .collect()
                        .next()
                        .getField(0)
                        .toString());

        assertThatThrownBy(() -> batch.explainSql("SELECT * FROM " + table))
                .hasStackTraceContaining("unbounded");
    }

    @Test
    void scanParallelismSetsTheSourcesParallelism() {
        String table = createTable(COLUMNS, Map.of("scan.parallelism", "3"));

        String plan = tEnv.explainSql("SELECT * FROM " + table, ExplainDetail.JSON_EXECUTION_PLAN);

        String source = plan.substring(plan.indexOf("\"Source: KinesisVideoFragments"));
        assertThat(source.substring(0, source.indexOf('}'))).contains("\"parallelism\" : 3");
    }

    /** Creates a table with valid options overridden by {@code options} ("" removes one). */
    private static String createTable(String columns, Map<String, String> options) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("connector", "kinesis-video-fragments");
        all.put("streams", "cam-1;cam-2");
        all.put("aws.region", "us-east-1");
        all.put("scan.start-timestamp", "2026-01-01T00:00:00Z");
        all.put("scan.end-timestamp", "2026-01-02T00:00:00Z");
        all.putAll(options);
        all.values().removeIf(String::isEmpty);
        String table = "t" + TABLES.incrementAndGet();
        String with =
                all.entrySet().stream()
                        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                        .collect(Collectors.joining(", "));
        tEnv.executeSql("CREATE TABLE " + table + " (" + columns + ") WITH (" + with + ")");
        return table;
    }

    private static Map<String, String> without(String key) {
        return Map.of(key, "");
    }

    private static String messagesOf(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            if (messages.size() > 20) {
                fail("cause chain too long");
            }
        }
        return String.join("\n", messages);
    }
}
