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

package dev.kvsflink.connector.kinesisvideo.enumerator;

import dev.kvsflink.connector.kinesisvideo.source.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.source.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.testutils.GoldenFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisVideoEnumeratorStateSerializerTest {

    private static final KinesisVideoEnumeratorStateSerializer SERIALIZER =
            new KinesisVideoEnumeratorStateSerializer();

    private static final String GOLDEN_FILE = "enumerator-state-v1.bin";

    /** The state stored in the golden file of version 1. */
    static final KinesisVideoEnumeratorState GOLDEN_V1 =
            new KinesisVideoEnumeratorState(
                    List.of(
                            StreamCursor.of(
                                    StreamRef.ofName("cam-1"),
                                    1767226200000L,
                                    600_000,
                                    1767312000000L),
                            StreamCursor.of(
                                    StreamRef.ofArn(
                                            "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1700000000000"),
                                    1767225600000L,
                                    3_600_000,
                                    Long.MAX_VALUE)),
                    List.of(
                            FragmentWindowSplit.of(
                                    StreamRef.ofName("cam-1"),
                                    FragmentSelectorType.SERVER_TIMESTAMP,
                                    1767225600000L,
                                    1767226200000L),
                            FragmentWindowSplit.of(
                                            StreamRef.ofName("cam-1"),
                                            FragmentSelectorType.SERVER_TIMESTAMP,
                                            1767225000000L,
                                            1767225600000L)
                                    .withResumeAfter(
                                            FragmentPosition.of(
                                                    1767225000001L,
                                                    "91343852333181432392682062607743920146264772710"))
                                    .withWatermarkFloor(1767225600000L)));

    @Test
    void roundTripsCursorsAndPendingSplits() throws IOException {
        assertThat(SERIALIZER.deserialize(1, SERIALIZER.serialize(GOLDEN_V1))).isEqualTo(GOLDEN_V1);
    }

    @Test
    void roundTripsAnEmptyState() throws IOException {
        KinesisVideoEnumeratorState empty = new KinesisVideoEnumeratorState(List.of(), List.of());
        assertThat(SERIALIZER.deserialize(1, SERIALIZER.serialize(empty))).isEqualTo(empty);
    }

    @Test
    void readsTheCommittedVersion1GoldenFile() throws IOException {
        assertThat(SERIALIZER.deserialize(1, GoldenFiles.read(GOLDEN_FILE))).isEqualTo(GOLDEN_V1);
    }

    @Test
    void currentVersionStillWritesTheGoldenBytes() throws IOException {
        assertThat(SERIALIZER.getVersion()).isEqualTo(1);
        assertThat(SERIALIZER.serialize(GOLDEN_V1)).isEqualTo(GoldenFiles.read(GOLDEN_FILE));
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertThatThrownBy(() -> SERIALIZER.deserialize(2, SERIALIZER.serialize(GOLDEN_V1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(GOLDEN_V1);
        assertThatThrownBy(() -> SERIALIZER.deserialize(1, Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 trailing bytes");
    }

    @Test
    @EnabledIfSystemProperty(named = GoldenFiles.REGENERATE_PROPERTY, matches = "true")
    void regenerateGoldenFile() throws IOException {
        GoldenFiles.write(GOLDEN_FILE, SERIALIZER.serialize(GOLDEN_V1));
    }
}
