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

package dev.kvsflink.connector.kinesisvideo.config;

import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator writes the connector's option keys as text (it does not depend on the connector):
 * they must be the keys of the connector's options, and read through them, hold the emulator's
 * settings.
 */
class EmulatorConnectorOptionsTest {

    @Test
    void theEmulatorsConnectorOptionsAreTheConnectorsAwsOptions() {
        try (KinesisVideoEmulator emulator = KinesisVideoEmulator.builder().build().start()) {
            Configuration options = Configuration.fromMap(emulator.connectorOptions());

            assertThat(emulator.connectorOptions().keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            List.of(
                                    AwsClientOptions.AWS_REGION.key(),
                                    AwsClientOptions.AWS_ENDPOINT.key(),
                                    AwsClientOptions.AWS_CREDENTIALS_PROVIDER.key(),
                                    AwsClientOptions.AWS_ACCESS_KEY_ID.key(),
                                    AwsClientOptions.AWS_SECRET_ACCESS_KEY.key()));
            assertThat(options.get(AwsClientOptions.AWS_REGION)).isEqualTo(emulator.region());
            assertThat(options.get(AwsClientOptions.AWS_ENDPOINT))
                    .isEqualTo(emulator.controlPlaneEndpoint().toString());
            assertThat(options.get(AwsClientOptions.AWS_CREDENTIALS_PROVIDER))
                    .isEqualTo(AwsClientOptions.CredentialsProvider.BASIC);
            assertThat(options.get(AwsClientOptions.AWS_ACCESS_KEY_ID))
                    .isEqualTo(emulator.accessKey());
            assertThat(options.get(AwsClientOptions.AWS_SECRET_ACCESS_KEY))
                    .isEqualTo(emulator.secretKey());
        }
    }
}
