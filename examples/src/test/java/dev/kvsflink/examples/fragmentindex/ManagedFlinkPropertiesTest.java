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

import dev.kvsflink.examples.config.ConnectorConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedFlinkPropertiesTest {

    private static final Path SAMPLE = Path.of("../deploy/managed-flink/runtime-properties.json");

    @TempDir Path tmp;

    @Test
    void shippedSampleIsAValidCommandLineAndKnownConnectorOptions() {
        ManagedFlinkProperties properties = ManagedFlinkProperties.read(SAMPLE).orElseThrow();

        FragmentIndexArgs args =
                FragmentIndexArgs.parse(properties.jobArgs().toArray(new String[0]));
        ConnectorConfiguration.checkConnectorKeys(properties.connectorOptions());

        assertThat(args.streams).hasSize(2);
        assertThat(args.jdbc).isNotNull();
        assertThat(properties.connectorOptions().toMap())
                .containsEntry("aws.credentials.provider", "AUTO");
    }

    @Test
    void commaSeparatedStreamsRepeatTheFlagAndTrueSetsAFlagWithoutValue() throws Exception {
        Path file =
                write(
                        "[{\"PropertyGroupId\": \"FragmentIndexJob\", \"PropertyMap\":"
                                + " {\"stream\": \"a, b\", \"demo\": \"true\"}}]");

        assertThat(ManagedFlinkProperties.read(file).orElseThrow().jobArgs())
                .containsExactly("--stream", "a", "--stream", "b", "--demo");
    }

    @Test
    void unknownGroupIsRejectedNamingTheAllowedGroups() throws Exception {
        Path file = write("[{\"PropertyGroupId\": \"Fragments\", \"PropertyMap\": {}}]");

        assertThatThrownBy(() -> ManagedFlinkProperties.read(file))
                .hasMessageContaining("'Fragments'")
                .hasMessageContaining("FragmentIndexJob")
                .hasMessageContaining("KinesisVideoSource");
    }

    @Test
    void noFileMeansNotOnTheService() {
        assertThat(ManagedFlinkProperties.read(tmp.resolve("absent.json"))).isEmpty();
    }

    private Path write(String json) throws Exception {
        Path file = tmp.resolve("application_properties.json");
        Files.writeString(file, json);
        return file;
    }
}
