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

package dev.kvsflink.examples.gettingstarted;

import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.testutils.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The getting-started job's command line: a bad argument exits 2 with one line (a start that is not
 * an instant used to end in a raw {@code DateTimeParseException}); {@code --help} exits 0.
 */
class FragmentsPerMinuteArgsTest {

    static Stream<Arguments> badArguments() {
        return Stream.of(
                bad("no stream", new String[] {}, "Missing required option", "--stream"),
                bad(
                        "start not an instant",
                        new String[] {"--stream", "cam-1", "--start", "2026-01-01 00:00"},
                        "--start",
                        "'2026-01-01 00:00'",
                        "ISO-8601"),
                bad(
                        "end not an instant",
                        new String[] {"--stream", "cam-1", "--end", "tomorrow"},
                        "--end",
                        "'tomorrow'"),
                bad(
                        "endpoint not a URL",
                        new String[] {"--stream", "cam-1", "--endpoint", "127.0.0.1:4566"},
                        "--endpoint",
                        "http(s) URL"),
                bad(
                        "a stream given twice",
                        new String[] {"--stream", "cam-1", "--stream", "cam-1"},
                        "--stream",
                        "twice"),
                bad(
                        "start after end",
                        new String[] {
                            "--stream", "cam-1",
                            "--start", "2026-01-02T00:00:00Z",
                            "--end", "2026-01-01T00:00:00Z"
                        },
                        "must be before --end"),
                bad(
                        "unknown flag",
                        new String[] {"--stream", "cam-1", "--verbose"},
                        "Unknown option",
                        "--verbose"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentExits2WithOneLineNamingTheFlagAndValue(
            String name, String[] args, String[] expected) {
        CliRun run = CliRun.of(new FragmentsPerMinute(), args);

        assertThat(run.exitCode()).isEqualTo(Cli.BAD_ARGUMENTS);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("fragments-per-minute: ").contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpExits0WithTheUsageAndTheDefaults(String flag) {
        CliRun run = CliRun.of(new FragmentsPerMinute(), flag);

        assertThat(run.exitCode()).isZero();
        assertThat(run.usage()).contains("Usage: fragments-per-minute", "default: us-east-1");
    }

    private static Arguments bad(String name, String[] args, String... expected) {
        return Arguments.of(name, args, expected);
    }
}
