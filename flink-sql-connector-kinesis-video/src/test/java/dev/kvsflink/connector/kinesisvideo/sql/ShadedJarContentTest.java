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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** What the SQL jar holds: our package, the relocated dependencies and META-INF, nothing else. */
class ShadedJarContentTest {

    private static final String OURS = "dev/kvsflink/connector/kinesisvideo/";
    private static final String SHADED = OURS + "shaded/";

    private static List<String> entries;

    @BeforeAll
    static void listEntries() throws IOException {
        try (ZipFile jar = new ZipFile(ShadedJar.path().toFile())) {
            entries = new ArrayList<>();
            for (ZipEntry entry : Collections.list(jar.entries())) {
                entries.add(entry.getName());
            }
        }
    }

    @Test
    void holdsOnlyOurPackageAndMetaInf() {
        assertThat(entries)
                .allSatisfy(
                        name ->
                                assertThat(
                                                name.startsWith(OURS)
                                                        || name.startsWith("META-INF/")
                                                        || OURS.startsWith(name))
                                        .as(name)
                                        .isTrue());
    }

    @Test
    void relocatesTheSdkItsHttpClientsAndNetty() {
        assertThat(entries)
                .contains(
                        SHADED + "software/amazon/awssdk/core/SdkBytes.class",
                        SHADED + "software/amazon/awssdk/http/apache/ApacheHttpClient.class",
                        SHADED + "org/apache/http/client/HttpClient.class",
                        SHADED + "io/netty/buffer/ByteBuf.class");
    }

    @Test
    void bundlesNoJackson() {
        // Only the emulator used Jackson; the SDK brings its own copy under its package.
        assertThat(entries).noneMatch(name -> name.contains("com/fasterxml/jackson/"));
    }

    @Test
    void relocatesTheSdksClasspathResources() {
        assertThat(entries)
                .contains(
                        SHADED + "software/amazon/awssdk/regions/internal/region/endpoints.json",
                        SHADED
                                + "software/amazon/awssdk/awscore/internal/defaults/sdk-default-configuration.json",
                        SHADED + "mozilla/public-suffix-list.txt");
    }

    @Test
    void leavesOutTheEmulator() {
        assertThat(entries).noneMatch(name -> name.startsWith(OURS + "emulator/"));
        assertThat(entries).contains(OURS + "source/KinesisVideoFragmentSource.class");
    }

    @Test
    void registersTheTableFactoryAndTheRelocatedHttpClients() throws IOException {
        assertThat(serviceFile("org.apache.flink.table.factories.Factory"))
                .contains(
                        "dev.kvsflink.connector.kinesisvideo.table.KinesisVideoDynamicTableFactory");
        assertThat(
                        serviceFile(
                                "dev.kvsflink.connector.kinesisvideo.shaded.software.amazon.awssdk.http.SdkHttpService"))
                .contains(
                        "dev.kvsflink.connector.kinesisvideo.shaded.software.amazon.awssdk.http.apache.ApacheSdkHttpService");
    }

    private static String serviceFile(String service) throws IOException {
        try (ZipFile jar = new ZipFile(ShadedJar.path().toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/services/" + service);
            assertThat(entry).as("META-INF/services/" + service).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
