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

package dev.kvsflink.examples.fragmentindex;

import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.testutils.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fragment-index command line: every bad argument exits 2 with one line naming the flag, the
 * value and what is allowed, before any job starts; {@code --help} exits 0.
 */
class FragmentIndexArgsTest {

    private static final List<String> VALID =
            List.of(
                    "--region", "us-east-1",
                    "--stream", "cam-1",
                    "--start", "2026-01-01T00:00:00Z",
                    "--end", "2026-01-02T00:00:00Z",
                    "--output", "out");

    static Stream<Arguments> badArguments() {
        return Stream.of(
                bad("unknown flag", args("--colour", "red"), "Unknown option", "--colour"),
                bad("unknown flag last", args("--colour"), "Unknown option", "--colour"),
                bad("positional argument", args("cam-1"), "Unmatched argument", "cam-1"),
                bad("flag without value", args("--gap"), "--gap", "Missing required parameter"),
                bad("flag given twice", args("--region", "eu-west-1"), "--region", "only once"),
                bad("stream given twice", args("--stream", "cam-1"), "'cam-1' is given twice"),
                bad("missing region", without("--region"), "--region is required"),
                bad("missing stream", without("--stream"), "--stream or --stream-arn"),
                bad("missing start", without("--start"), "--start is required"),
                bad("zero stop-after", args("--stop-after", "0s"), "--stop-after", "'0s'"),
                bad(
                        "missing output",
                        without("--output"),
                        "--output (a directory) or --jdbc-url (a database) is required"),
                bad(
                        "output and a database",
                        args("--jdbc-url", "jdbc:sqlite:index.db"),
                        "--output and --jdbc-url exclude each other"),
                bad(
                        "a database the job has no SQL for",
                        jdbc("--jdbc-url", "jdbc:mysql://127.0.0.1/kvs"),
                        "--jdbc-url 'jdbc:mysql://127.0.0.1/kvs'",
                        "jdbc:postgresql://",
                        "jdbc:sqlite:"),
                bad(
                        "credentials without a database",
                        args("--jdbc-user", "kvs"),
                        "--jdbc-user and --jdbc-password only apply with --jdbc-url"),
                bad(
                        "invalid stream name",
                        replaced("--stream", "cam 2"),
                        "--stream",
                        "cam 2",
                        "[a-zA-Z0-9_.-]"),
                bad(
                        "invalid stream ARN",
                        args("--stream-arn", "arn:aws:s3:::bucket"),
                        "--stream-arn",
                        "arn:aws:s3:::bucket"),
                bad(
                        "unknown selector",
                        args("--selector", "ARRIVAL"),
                        "--selector",
                        "ARRIVAL",
                        "SERVER_TIMESTAMP"),
                bad(
                        "start not an instant",
                        replaced("--start", "yesterday"),
                        "--start",
                        "'yesterday'",
                        "ISO-8601"),
                bad("end without zone", replaced("--end", "2026-01-02T00:00:00"), "--end", "2026"),
                bad(
                        "start after end",
                        replaced("--start", "2026-01-03T00:00:00Z"),
                        "--start 2026-01-03T00:00:00Z must be before --end"),
                bad(
                        "endpoint not http",
                        args("--endpoint", "ftp://h:1"),
                        "--endpoint",
                        "ftp://h:1"),
                bad("endpoint without host", args("--endpoint", "localhost"), "http(s) URL"),
                bad("zero parallelism", args("--parallelism", "0"), "--parallelism", "'0'", ">= 1"),
                bad("text parallelism", args("--parallelism", "four"), "--parallelism", "'four'"),
                bad("negative window", args("--window", "-PT1M"), "--window", "-PT1M", "positive"),
                bad(
                        "window not a duration",
                        args("--window", "soon"),
                        "--window",
                        "soon",
                        "10 min"),
                bad("zero gap", args("--gap", "PT0S"), "--gap", "'PT0S'"),
                bad("zero budget", args("--budget-tps", "0"), "--budget-tps", "'0'", "at most 5"),
                bad("budget above quota", args("--budget-tps", "5.5"), "--budget-tps", "'5.5'"),
                bad("budget not a number", args("--budget-tps", "fast"), "--budget-tps", "'fast'"),
                bad("budget NaN", args("--budget-tps", "NaN"), "--budget-tps", "'NaN'"),
                bad(
                        "demo with a region",
                        new String[] {"--demo", "--region", "us-east-1"},
                        "--demo and --region exclude each other"),
                bad(
                        "demo with an endpoint",
                        new String[] {"--demo", "--endpoint", "http://127.0.0.1:4566"},
                        "--demo and --endpoint exclude each other"),
                bad(
                        "demo with a stream",
                        new String[] {"--demo", "--stream", "cam-1"},
                        "--demo and --stream exclude each other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentExits2WithOneLineNamingTheFlagTheValueAndWhatIsAllowed(
            String name, String[] args, String[] expected) {
        CliRun run = CliRun.of(new FragmentIndexJob(), args);

        assertThat(run.exitCode()).isEqualTo(Cli.BAD_ARGUMENTS);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("fragment-index: ").contains(expected);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpExits0WithTheUsageAndTheDefaults(String flag) {
        CliRun run = CliRun.of(new FragmentIndexJob(), flag);

        assertThat(run.exitCode()).isZero();
        assertThat(run.usage())
                .contains("Usage: fragment-index", "--demo", "--jdbc-url", "--stop-after")
                .contains(
                        "default: 1)",
                        "PRODUCER_TIMESTAMP, SERVER_TIMESTAMP (default: SERVER_TIMESTAMP)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionExits0() {
        CliRun run = CliRun.of(new FragmentIndexJob(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Kinesis Video Streams fragment source examples");
    }

    @Test
    void durationsAndEnumsTakeTheFormsOfTheConnectorsOptions() {
        assertThat(FragmentIndexArgs.parse(args("--window", "10 min")).window)
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(FragmentIndexArgs.parse(args("--gap", "30s")).gapThreshold)
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(FragmentIndexArgs.parse(args("--stop-after", "PT1H")).stopAfter)
                .isEqualTo(Duration.ofHours(1));
        assertThat(FragmentIndexArgs.parse(args("--selector", "producer_timestamp")).selector)
                .hasToString("PRODUCER_TIMESTAMP");
    }

    @Test
    void acceptsTheValidArgumentsWithDefaults() {
        FragmentIndexArgs parsed = FragmentIndexArgs.parse(VALID.toArray(new String[0]));
        assertThat(parsed.parallelism).isEqualTo(1);
        assertThat(parsed.budgetTps).isNull();
        assertThat(parsed.gapThreshold).isEqualTo(Duration.ofMinutes(1));
        assertThat(parsed.streams).hasSize(1);
    }

    @Test
    void withoutAnEndTheJobTailsAndStopsWithASavepointBesideTheOutput() {
        FragmentIndexArgs parsed = FragmentIndexArgs.parse(without("--end"));
        assertThat(parsed.tails()).isTrue();
        assertThat(parsed.savepointDir).hasToString("out-savepoints");
    }

    @Test
    void aJdbcUrlSendsTheIndexToThatDatabaseInsteadOfFiles() {
        FragmentIndexArgs parsed =
                FragmentIndexArgs.parse(
                        jdbc(
                                "--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/kvs",
                                "--jdbc-user", "kvs",
                                "--jdbc-password", "hunter2"));

        assertThat(parsed.output).isNull();
        assertThat(parsed.jdbc.dialect()).isEqualTo(JdbcTarget.Dialect.POSTGRESQL);
        assertThat(parsed.jdbc.user()).isEqualTo("kvs");
        assertThat(parsed.jdbc.password()).isEqualTo("hunter2");
    }

    @Test
    void theDemoWithAJdbcUrlWritesNoFiles() {
        FragmentIndexArgs parsed =
                FragmentIndexArgs.parse("--demo", "--jdbc-url", "jdbc:sqlite:fragment-index.db");

        assertThat(parsed.output).isNull();
        assertThat(parsed.jdbc.dialect()).isEqualTo(JdbcTarget.Dialect.SQLITE);
        assertThat(parsed.savepointDir).hasToString("fragment-index-savepoints");
    }

    @Test
    void aPasswordIsNeitherInTheTargetsTextNorInTheUrlThatIsPrinted() {
        JdbcTarget target =
                JdbcTarget.of(
                        "jdbc:postgresql://db:5432/kvs?ssl=true&password=hunter2&x=1",
                        "kvs",
                        "letmein");

        assertThat(target.safeUrl())
                .isEqualTo("jdbc:postgresql://db:5432/kvs?ssl=true&password=***&x=1");
        assertThat(target.toString()).doesNotContain("hunter2").doesNotContain("letmein");
    }

    @Test
    void aRejectedJdbcUrlIsReportedWithoutItsPassword() {
        CliRun run =
                CliRun.of(
                        new FragmentIndexJob(),
                        jdbc("--jdbc-url", "jdbc:mysql://db/kvs?password=hunter2"));

        assertThat(run.exitCode()).isEqualTo(Cli.BAD_ARGUMENTS);
        assertThat(run.err()).contains("password=***").doesNotContain("hunter2");
    }

    @Test
    void aBackfillCanBeStoppedWithASavepointAfterAWhile() {
        FragmentIndexArgs parsed = FragmentIndexArgs.parse(args("--stop-after", "1 min"));
        assertThat(parsed.tails()).isFalse();
        assertThat(parsed.stopAfter).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void acceptsTheServicesQuotaAsBudget() {
        assertThat(FragmentIndexArgs.parse(args("--budget-tps", "5.0")).budgetTps).isEqualTo(5.0);
    }

    // ------------------------------------------------------------------------

    /** The valid arguments with {@code extra} appended. */
    private static String[] args(String... extra) {
        List<String> all = new ArrayList<>(VALID);
        all.addAll(List.of(extra));
        return all.toArray(new String[0]);
    }

    /** The valid arguments with {@code flag}'s value replaced by {@code value}. */
    private static String[] replaced(String flag, String value) {
        List<String> all = new ArrayList<>(VALID);
        all.set(all.indexOf(flag) + 1, value);
        return all.toArray(new String[0]);
    }

    /** The valid arguments with a database instead of {@code --output}, then {@code extra}. */
    private static String[] jdbc(String... extra) {
        List<String> all = new ArrayList<>(List.of(without("--output")));
        all.addAll(List.of(extra));
        return all.toArray(new String[0]);
    }

    /** The valid arguments without {@code flag} and its value. */
    private static String[] without(String flag) {
        List<String> all = new ArrayList<>(VALID);
        int i = all.indexOf(flag);
        all.remove(i + 1);
        all.remove(i);
        return all.toArray(new String[0]);
    }

    private static Arguments bad(String name, String[] args, String... expected) {
        return Arguments.of(name, args, expected);
    }
}
