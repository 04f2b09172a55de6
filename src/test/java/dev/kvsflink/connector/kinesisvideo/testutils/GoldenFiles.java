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

package dev.kvsflink.connector.kinesisvideo.testutils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Committed serialized state under {@code src/test/resources/golden/}: bytes written by a released
 * format version that every later version must still read. Regenerate only on purpose, with {@code
 * -Dkvs.golden.regenerate=true}.
 */
public final class GoldenFiles {

    public static final String REGENERATE_PROPERTY = "kvs.golden.regenerate";

    private GoldenFiles() {}

    /** The committed bytes of {@code name}. */
    public static byte[] read(String name) {
        try (InputStream in = GoldenFiles.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Missing golden file "
                                + name
                                + "; create it with -D"
                                + REGENERATE_PROPERTY
                                + "=true");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} as the golden file {@code name} in the source tree. */
    public static void write(String name, byte[] bytes) throws IOException {
        // Surefire runs in the module directory, which is the repository's src/.
        Path path =
                Paths.get(System.getProperty("basedir", "."), "test", "resources", "golden", name);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
    }
}
