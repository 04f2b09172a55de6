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

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the build put the shaded jar (surefire runs after {@code package} in this module). */
final class ShadedJar {

    private ShadedJar() {}

    static Path path() {
        Path jar = Path.of(System.getProperty("shadedJar", "missing"));
        assertThat(jar).as("the shaded jar; run mvn verify, not the test alone").exists();
        assertThat(Files.isRegularFile(jar)).isTrue();
        return jar;
    }
}
