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

package dev.kvsflink.connector.kinesisvideo.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line starts an emulator with the streams it names, on 127.0.0.1. */
class EmulatorMainTest {

    @Test
    void startsWithTheStreamsOfTheArgumentsAndPrintsEndpointsButNoSecret() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (KinesisVideoEmulator emulator =
                EmulatorMain.start(
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        "--port",
                        "0",
                        "--data-port",
                        "0",
                        "--secret-key",
                        "cli-secret",
                        "--stream",
                        "synthetic:cam-1:seed=7,fragments=1000,start=2026-01-01T00:00:00Z",
                        "--stream",
                        "live:cam-2:rate=2/s",
                        "--stream",
                        "appendable:cam-3")) {
            String output = printed.toString(StandardCharsets.UTF_8);

            assertThat(emulator.controlPlaneEndpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(output)
                    .contains(emulator.controlPlaneEndpoint().toString())
                    .contains(emulator.dataPlaneEndpoint().toString())
                    .contains(
                            emulator.streamArn("cam-1"),
                            emulator.streamArn("cam-2"),
                            emulator.streamArn("cam-3"))
                    .doesNotContain("cli-secret");
            assertThat(
                            emulator.groundTruth(
                                    "cam-1",
                                    SelectorType.SERVER_TIMESTAMP,
                                    Instant.parse("2026-01-01T00:00:00Z"),
                                    Instant.parse("2026-01-02T00:00:00Z")))
                    .hasSize(1000);
        }
    }

    @Test
    void theAccountsGetDataEndpointQuotaIsAnOption() {
        try (KinesisVideoEmulator emulator =
                EmulatorMain.start(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        "--port",
                        "0",
                        "--data-port",
                        "0",
                        "--data-endpoint-account-tps",
                        "20")) {
            assertThat(emulator.faults().dataEndpointTpsPerAccount()).isEqualTo(20);
        }
    }

    @Test
    void theAccountsGetDataEndpointQuotaIsTheServicesByDefault() {
        try (KinesisVideoEmulator emulator =
                EmulatorMain.start(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        "--port",
                        "0",
                        "--data-port",
                        "0")) {
            assertThat(emulator.faults().dataEndpointTpsPerAccount()).isEqualTo(300);
        }
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                bad("unknown stream kind", of("--stream", "recorded:cam-1"), "recorded", "live"),
                bad("stream without name", of("--stream", "synthetic"), "kind:name[:options]"),
                bad(
                        "bad synthetic options",
                        of("--stream", "synthetic:cam-1:speed=2"),
                        "--stream",
                        "speed"),
                bad(
                        "options for an appendable stream",
                        of("--stream", "appendable:cam-1:x=1"),
                        "take no options"),
                bad(
                        "a stream given twice",
                        of("--stream", "appendable:cam-1", "--stream", "live:cam-1:rate=1/s"),
                        "--stream 'cam-1' is given twice"),
                bad("port out of range", of("--port", "70000"), "--port", "'70000'", "65535"),
                bad("port not a number", of("--data-port", "any"), "--data-port", "'any'"),
                bad("negative quota", of("--tps", "-1"), "--tps", "'-1'", ">= 0"),
                bad("probability above 1", of("--short-pages", "1.5"), "--short-pages", "0 to 1"),
                bad("bad token ttl", of("--token-ttl", "0s"), "--token-ttl", "'0s'", "positive"),
                bad("seed not a number", of("--seed", "x"), "--seed", "'x'"),
                bad("flag without value", of("--region"), "--region", "Missing"),
                bad("flag given twice", of("--tps", "1", "--tps", "2"), "--tps", "only once"),
                bad("unknown flag", of("--verbose"), "Unknown option", "--verbose"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentExits2WithOneLineNamingTheOptionAndValue(
            String name, String[] args, String[] expected) {
        StringWriter err = new StringWriter();
        CommandLine cli =
                EmulatorMain.commandLine(
                        new EmulatorMain(new PrintStream(OutputStream.nullOutputStream())));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute(withFreePorts(args));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("kvs-emulator: ").contains(expected);
    }

    @Test
    void helpExits0WithTheOptionsAndTheirDefaults() {
        StringWriter out = new StringWriter();
        CommandLine cli =
                EmulatorMain.commandLine(
                        new EmulatorMain(new PrintStream(OutputStream.nullOutputStream())));
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("Usage: kvs-emulator", "--stream", "default: 4566", "default: 300")
                .doesNotContain(KinesisVideoEmulatorBuilder.DEFAULT_SECRET_KEY);
    }

    /** Free ports (0) before {@code args}: a run that gets past parsing binds no fixed port. */
    private static String[] withFreePorts(String[] args) {
        List<String> all = new ArrayList<>();
        if (!List.of(args).contains("--port")) {
            all.addAll(List.of("--port", "0"));
        }
        if (!List.of(args).contains("--data-port")) {
            all.addAll(List.of("--data-port", "0"));
        }
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    private static String[] of(String... args) {
        return args;
    }

    private static Arguments bad(String name, String[] args, String... expected) {
        return Arguments.of(name, args, expected);
    }
}
