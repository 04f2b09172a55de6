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

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.testutils.CapturedLogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The secret key and session token given in a table's {@code WITH} options appear neither in its
 * plans ({@code EXPLAIN}, all details) nor in the messages, stack traces and logs of failing
 * statements: Flink's own option dump ("Table options are: ...") masks keys that contain {@code
 * secret} or {@code token}, and the connector's plans and errors never print the options.
 */
class SqlShowsNoSecretsITCase {

    private static final String SECRET_KEY = "sQlSeCrEtKeY/0123456789abcdefghijklmnopq";
    private static final String SESSION_TOKEN = "SqLsEsSiOnToKeN0123456789";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(b -> b.seed(3).tpsPerStream(0));

    @BeforeAll
    static void createStream() {
        EMULATOR.emulator()
                .addSyntheticStream(
                        "sql-secret-cam",
                        SyntheticStreamSpec.builder().seed(1).fragments(10).start(START).build());
    }

    @Test
    void explainShowsTheSourceButNoSecretKeyOrToken() {
        TableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(ddl(EMULATOR.emulator().secretKey(), ""));

        String plan =
                tEnv.explainSql(
                        "SELECT FragmentNumber FROM cams WHERE FragmentSizeInBytes > 0",
                        ExplainDetail.ESTIMATED_COST,
                        ExplainDetail.CHANGELOG_MODE,
                        ExplainDetail.JSON_EXECUTION_PLAN);

        assertThat(plan)
                .contains("TableSourceScan(table=[[default_catalog, default_database, cams");
        assertThat(plan)
                .doesNotContain(EMULATOR.emulator().secretKey())
                .doesNotContain(SESSION_TOKEN);
    }

    @Test
    void aQueryRejectedForABadOptionMasksTheSecretKeyAndTokenInTheOptionsItLists() {
        TableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(ddl(SECRET_KEY, "  'source.window.initial-size' = 'soon',\n"));

        String text = failureAndLogsOf(() -> tEnv.executeSql("SELECT * FROM cams").await());

        assertThat(text)
                .contains("Table options are")
                .contains("'source.window.initial-size'='soon'")
                .contains("'aws.credentials.basic.secretkey'='******'");
        assertThat(text).doesNotContain(SECRET_KEY).doesNotContain(SESSION_TOKEN);
    }

    @Test
    void aQueryFailingOnAWrongSecretKeyShowsNeitherTheKeyNorTheToken() {
        TableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(ddl(SECRET_KEY, ""));

        String text = failureAndLogsOf(() -> tEnv.executeSql("SELECT * FROM cams").await());

        assertThat(text).contains("NotAuthorized");
        assertThat(text).doesNotContain(SECRET_KEY).doesNotContain(SESSION_TOKEN);
    }

    /**
     * Flink prints a table's options as written in {@code SHOW CREATE TABLE} and in compiled plans,
     * which {@code docs/sql.md} warns of: this is why it recommends keeping keys out of DDL.
     */
    @Test
    void showCreateTableAndCompiledPlansPrintTheOptionsAsWritten() {
        TableEnvironment tEnv = tableEnvironment();
        tEnv.executeSql(ddl(SECRET_KEY, ""));
        tEnv.executeSql(
                "CREATE TABLE blackhole (FragmentNumber STRING) WITH ('connector' = 'blackhole')");

        String shown = tEnv.executeSql("SHOW CREATE TABLE cams").collect().next().toString();
        String compiled =
                tEnv.compilePlanSql("INSERT INTO blackhole SELECT FragmentNumber FROM cams")
                        .asJsonString();

        assertThat(shown).contains(SECRET_KEY);
        assertThat(compiled).contains(SECRET_KEY);
    }

    // ------------------------------------------------------------------------

    /** The failure's full stack trace and everything logged meanwhile, down to DEBUG. */
    private static String failureAndLogsOf(ThrowingRunnable statement) {
        try (CapturedLogs logs = CapturedLogs.startWithQuiet(CapturedLogs.LOGGERS_TO_KEEP_QUIET)) {
            Throwable failure = catchThrowable(statement::run);
            assertThat(failure).isNotNull();
            return ExceptionUtils.stringifyException(failure) + "\n" + logs.text();
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static TableEnvironment tableEnvironment() {
        // Through the bridge, so that the job runs on the MiniCluster of this class.
        return StreamTableEnvironment.create(
                StreamExecutionEnvironment.getExecutionEnvironment(),
                EnvironmentSettings.newInstance().inStreamingMode().build());
    }

    private static String ddl(String secretKey, String extraOptions) {
        KinesisVideoEmulator emulator = EMULATOR.emulator();
        return "CREATE TABLE cams (\n"
                + "  FragmentNumber STRING,\n"
                + "  FragmentSizeInBytes BIGINT\n"
                + ") WITH (\n"
                + "  'connector' = 'kinesis-video-fragments',\n"
                + "  'streams' = 'sql-secret-cam',\n"
                + "  'scan.start-timestamp' = '"
                + START
                + "',\n"
                + "  'scan.end-timestamp' = '"
                + START.plusSeconds(600)
                + "',\n"
                + extraOptions
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
                + secretKey
                + "',\n"
                + "  'aws.credentials.basic.sessiontoken' = '"
                + SESSION_TOKEN
                + "',\n"
                + "  'aws.retry-strategy.delay.max' = '500 ms'\n"
                + ")";
    }
}
