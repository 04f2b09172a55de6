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

package dev.kvsflink.connector.kinesisvideo.split;

import dev.kvsflink.connector.kinesisvideo.source.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.source.StreamRef;
import dev.kvsflink.connector.kinesisvideo.testutils.GoldenFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FragmentWindowSplitSerializerTest {

    private static final FragmentWindowSplitSerializer SERIALIZER =
            FragmentWindowSplitSerializer.INSTANCE;

    /** The split stored in the golden file of version 1: an ARN, a resume position, a floor. */
    static final FragmentWindowSplit GOLDEN_V1 =
            FragmentWindowSplit.of(
                            StreamRef.ofArn(
                                    "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1700000000000"),
                            FragmentSelectorType.PRODUCER_TIMESTAMP,
                            1767225600000L,
                            1767226200000L)
                    .withResumeAfter(
                            FragmentPosition.of(
                                    1767225601123L,
                                    "91343852333181432392682062607743920146264772710"))
                    .withWatermarkFloor(1767225900000L);

    static final String GOLDEN_FILE = "fragment-window-split-v1.bin";

    @Test
    void roundTripsAFreshSplit() throws IOException {
        FragmentWindowSplit split =
                FragmentWindowSplit.of(
                        StreamRef.ofName("cam-1"), FragmentSelectorType.SERVER_TIMESTAMP, 0, 1);
        assertThat(roundTrip(split)).isEqualTo(split);
    }

    @Test
    void roundTripsASplitWithResumePositionArnAndFloor() throws IOException {
        assertThat(roundTrip(GOLDEN_V1)).isEqualTo(GOLDEN_V1);
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
        assertThatThrownBy(() -> SERIALIZER.deserialize(99, SERIALIZER.serialize(GOLDEN_V1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] bytes = SERIALIZER.serialize(GOLDEN_V1);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> SERIALIZER.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 trailing bytes");
    }

    @Test
    @EnabledIfSystemProperty(named = GoldenFiles.REGENERATE_PROPERTY, matches = "true")
    void regenerateGoldenFile() throws IOException {
        GoldenFiles.write(GOLDEN_FILE, SERIALIZER.serialize(GOLDEN_V1));
    }

    private static FragmentWindowSplit roundTrip(FragmentWindowSplit split) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(split));
    }
}
