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

import dev.kvsflink.connector.kinesisvideo.testutils.GoldenFile;
import dev.kvsflink.connector.kinesisvideo.testutils.GoldenFiles;
import dev.kvsflink.connector.kinesisvideo.testutils.VersionedSerializerContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KinesisVideoEnumeratorStateSerializerTest
        extends VersionedSerializerContract<KinesisVideoEnumeratorState> {

    private static final KinesisVideoEnumeratorStateSerializer SERIALIZER =
            new KinesisVideoEnumeratorStateSerializer();

    @Override
    protected GoldenFile<KinesisVideoEnumeratorState> currentGoldenFile() {
        return GoldenFiles.ENUMERATOR_STATE_V1_SPLITS_V2;
    }

    @Test
    void readsTheGoldenFileWrittenWithVersion1Splits() throws IOException {
        assertThat(SERIALIZER.deserialize(1, GoldenFiles.ENUMERATOR_STATE_V1.committedBytes()))
                .isEqualTo(GoldenFiles.ENUMERATOR_STATE_V1.value());
    }

    @Test
    void roundTripsCursorsAndPendingSplits() throws IOException {
        KinesisVideoEnumeratorState state = GoldenFiles.ENUMERATOR_STATE_V1_SPLITS_V2.value();
        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void roundTripsAnEmptyState() throws IOException {
        KinesisVideoEnumeratorState empty = new KinesisVideoEnumeratorState(List.of(), List.of());
        assertThat(roundTrip(empty)).isEqualTo(empty);
    }

    private static KinesisVideoEnumeratorState roundTrip(KinesisVideoEnumeratorState state)
            throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(state));
    }
}
