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

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every versioned serializer of checkpointed state guarantees: it still reads and writes the
 * committed golden file of its current version, and it rejects bytes it cannot have written. A
 * serializer's test extends this and adds its own round trips.
 *
 * <p>When a format changes, the new version gets its own golden file here and the subclass adds a
 * test that reads the old one.
 */
public abstract class VersionedSerializerContract<T> {

    /** The golden file of the serializer's current version. */
    protected abstract GoldenFile<T> currentGoldenFile();

    @Test
    void readsTheCommittedGoldenFile() throws IOException {
        GoldenFile<T> golden = currentGoldenFile();
        assertThat(golden.serializer().deserialize(golden.version(), golden.committedBytes()))
                .isEqualTo(golden.value());
    }

    @Test
    void currentVersionStillWritesTheGoldenBytes() throws IOException {
        GoldenFile<T> golden = currentGoldenFile();
        assertThat(golden.serializer().getVersion()).isEqualTo(golden.version());
        assertThat(golden.serializer().serialize(golden.value()))
                .isEqualTo(golden.committedBytes());
    }

    @Test
    void rejectsAVersionNewerThanItsOwn() throws IOException {
        SimpleVersionedSerializer<T> serializer = currentGoldenFile().serializer();
        int newer = serializer.getVersion() + 1;
        byte[] bytes = serializer.serialize(currentGoldenFile().value());
        assertThatThrownBy(() -> serializer.deserialize(newer, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version " + newer);
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        SimpleVersionedSerializer<T> serializer = currentGoldenFile().serializer();
        byte[] bytes = serializer.serialize(currentGoldenFile().value());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> serializer.deserialize(serializer.getVersion(), longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 trailing bytes");
    }
}
