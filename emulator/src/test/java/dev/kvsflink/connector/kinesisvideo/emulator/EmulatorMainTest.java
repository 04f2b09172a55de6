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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void unknownStreamKindIsRefused() {
        assertThatThrownBy(
                        () ->
                                EmulatorMain.start(
                                        new PrintStream(
                                                new ByteArrayOutputStream(),
                                                true,
                                                StandardCharsets.UTF_8),
                                        "--port",
                                        "0",
                                        "--data-port",
                                        "0",
                                        "--stream",
                                        "recorded:cam-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recorded");
    }
}
