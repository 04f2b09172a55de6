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

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One committed file under {@code src/test/resources/golden/}: the value it holds and the
 * serializer version that wrote it. See {@link GoldenFiles} for the catalogue and regeneration.
 *
 * @param name the file name, also its class-path resource under {@code /golden/}
 * @param serializer the serializer whose format the file is in
 * @param version the format version the bytes were written in
 * @param value what the bytes deserialize to
 */
public record GoldenFile<T>(
        String name, SimpleVersionedSerializer<T> serializer, int version, T value) {

    /** The committed bytes, as the test class path holds them. */
    public byte[] committedBytes() {
        try (InputStream in = GoldenFile.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Missing golden file " + name + "; create it with GoldenFiles.main");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #value} with the current serializer to {@code directory}/{@link #name}. */
    void writeTo(Path directory) throws IOException {
        // Only the current version has a writer; bytes of an older version are history and must
        // stay as they were committed.
        if (version != serializer.getVersion()) {
            throw new IllegalStateException(
                    name
                            + " holds version "
                            + version
                            + " but the serializer writes version "
                            + serializer.getVersion());
        }
        Files.createDirectories(directory);
        Files.write(directory.resolve(name), serializer.serialize(value));
    }
}
