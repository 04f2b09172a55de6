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

package dev.kvsflink.examples.sensorjoin;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.testutils.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sensor-join command line: defaults, and every bad argument exits 2 with one line. */
class SensorJoinArgsTest {

    private static final String[] TARGET = {
        "--region", "us-east-1",
        "--stream", "cam-1",
        "--start", "2026-01-01T00:00:00Z",
        "--end", "2026-01-01T02:00:00Z"
    };

    static Stream<Arguments> badArguments() {
        return Stream.of(
                bad("unknown flag", of("--demo", "--colour", "red"), "Unknown option", "--colour"),
                bad("positional argument", of("--demo", "cam-1"), "Unmatched argument", "cam-1"),
                bad("flag without value", of("--demo", "--seed"), "--seed", "Missing"),
                bad(
                        "unknown selector",
                        of("--demo", "--selector", "WALL_CLOCK"),
                        "--selector",
                        "WALL_CLOCK",
                        "PRODUCER_TIMESTAMP"),
                bad("zero parallelism", of("--demo", "--parallelism", "0"), "--parallelism", "'0'"),
                bad(
                        "length not a duration",
                        of("--demo", "--max-fragment-length", "long"),
                        "--max-fragment-length",
                        "'long'",
                        "10 min"),
                bad(
                        "interval below a millisecond",
                        of("--demo", "--reading-interval", "PT0.0001S"),
                        "--reading-interval",
                        "1 ms"),
                bad("start not an instant", of("--demo", "--start", "yesterday"), "--start"),
                bad("seed not a number", of("--demo", "--seed", "x"), "--seed", "'x'"),
                bad(
                        "missing end",
                        of("--region", "r", "--stream", "a", "--start", "2026-01-01T00:00:00Z"),
                        "--start and --end are required"),
                bad("missing region", of("--stream", "a"), "--region is required"),
                bad(
                        "stream given twice",
                        with(TARGET, "--stream", "cam-1"),
                        "--stream 'cam-1' is given twice"),
                bad(
                        "start after end",
                        of(
                                "--region", "r",
                                "--stream", "a",
                                "--start", "2026-01-02T00:00:00Z",
                                "--end", "2026-01-01T00:00:00Z"),
                        "must be before --end"),
                bad(
                        "demo with a region",
                        of("--demo", "--region", "us-east-1"),
                        "--demo and --region exclude each other"),
                bad(
                        "demo with an endpoint",
                        of("--demo", "--endpoint", "http://127.0.0.1:4566"),
                        "--demo and --endpoint exclude each other"),
                bad("endpoint not http", with(TARGET, "--endpoint", "ftp://h"), "--endpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentExits2WithOneLineNamingTheFlagAndValue(
            String name, String[] args, String[] expected) {
        CliRun run = CliRun.of(new SensorJoinJob(), args);

        assertThat(run.exitCode()).isEqualTo(Cli.BAD_ARGUMENTS);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("sensor-join: ").contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpExits0WithTheUsageAndTheDefaults(String flag) {
        CliRun run = CliRun.of(new SensorJoinJob(), flag);

        assertThat(run.exitCode()).isZero();
        assertThat(run.usage())
                .contains("Usage: sensor-join", "--demo", "--max-fragment-length")
                .contains("default: SERVER_TIMESTAMP", "default: 250 ms");
    }

    @Test
    void aRealAccountRunNeedsRegionStreamsStartAndEnd() {
        SensorJoinArgs args = SensorJoinArgs.parse(with(TARGET, "--stream", "cam-2"));

        assertThat(args.streams).containsExactly("cam-1", "cam-2");
        assertThat(args.end).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
        assertThat(args.selector).isEqualTo(FragmentSelectorType.SERVER_TIMESTAMP);
        assertThat(args.maxFragmentLength).isEqualTo(Duration.ofMinutes(1));
        assertThat(args.readingInterval).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theDemoNeedsNoTargetAndTakesEnumsAndDurationsAsTheOptionsDo() {
        SensorJoinArgs args =
                SensorJoinArgs.parse(
                        "--demo",
                        "--selector",
                        "producer_timestamp",
                        "--max-fragment-length",
                        "2 min",
                        "--reading-interval",
                        "PT0.5S");

        assertThat(args.demo).isTrue();
        assertThat(args.selector).isEqualTo(FragmentSelectorType.PRODUCER_TIMESTAMP);
        assertThat(args.maxFragmentLength).isEqualTo(Duration.ofMinutes(2));
        assertThat(args.readingInterval).isEqualTo(Duration.ofMillis(500));
    }

    private static String[] of(String... args) {
        return args;
    }

    private static String[] with(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    private static Arguments bad(String name, String[] args, String... expected) {
        return Arguments.of(name, args, expected);
    }
}
