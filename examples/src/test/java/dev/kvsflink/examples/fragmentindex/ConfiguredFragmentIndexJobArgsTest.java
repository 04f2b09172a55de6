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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configured fragment-index job's command line: the job's flags plus {@code --conf-dir}; a bad
 * argument, or a configuration naming a connector key that does not exist, exits 2 with one line.
 */
class ConfiguredFragmentIndexJobArgsTest {

    @TempDir Path dir;

    static Stream<Arguments> badArguments() {
        return Stream.of(
                bad("conf-dir without value", new String[] {"--conf-dir"}, "--conf-dir", "Missing"),
                bad(
                        "demo with a region",
                        new String[] {"--demo", "--region", "us-east-1"},
                        "--demo and --region exclude each other"),
                bad(
                        "a bad duration",
                        new String[] {"--demo", "--window", "ten"},
                        "--window",
                        "'ten'"),
                bad("unknown flag", new String[] {"--demo", "--conf", "x"}, "Unknown option"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentExits2WithOneLine(String name, String[] args, String[] expected) {
        CliRun run = CliRun.of(new ConfiguredFragmentIndexJob(), args);

        assertThat(run.exitCode()).isEqualTo(Cli.BAD_ARGUMENTS);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("fragment-index: ").contains(expected);
    }

    @Test
    void aConnectorKeyThatDoesNotExistExits2NamingIt() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), "source.window.initial-sise: 10 min\n");

        CliRun run =
                CliRun.of(new ConfiguredFragmentIndexJob(), "--conf-dir", dir.toString(), "--demo");

        assertThat(run.exitCode()).isEqualTo(Cli.BAD_ARGUMENTS);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("source.window.initial-sise");
    }

    @Test
    void helpExits0ListingConfDirAndTheJobsFlags() {
        CliRun run = CliRun.of(new ConfiguredFragmentIndexJob(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.usage()).contains("--conf-dir", "--demo", "--jdbc-url");
    }

    private static Arguments bad(String name, String[] args, String... expected) {
        return Arguments.of(name, args, expected);
    }
}
