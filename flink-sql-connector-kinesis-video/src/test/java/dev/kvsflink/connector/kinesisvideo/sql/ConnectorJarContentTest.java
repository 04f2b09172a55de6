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

package dev.kvsflink.connector.kinesisvideo.sql;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The connector's own jar, the one DataStream users add: the emulator is not in it. */
class ConnectorJarContentTest {

    @Test
    void holdsTheConnectorButNoEmulatorClass() throws IOException {
        Path jar = Path.of(System.getProperty("connectorJar", "missing"));
        assertThat(jar).as("the connector's jar; run mvn verify, not the test alone").exists();
        assertThat(Files.isRegularFile(jar)).isTrue();
        List<String> entries;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries)
                .contains(
                        "dev/kvsflink/connector/kinesisvideo/source/KinesisVideoFragmentSource.class")
                .noneMatch(
                        name -> name.startsWith("dev/kvsflink/connector/kinesisvideo/emulator/"));
    }
}
