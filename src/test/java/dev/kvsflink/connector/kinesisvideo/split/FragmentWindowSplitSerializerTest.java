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

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.testutils.GoldenFile;
import dev.kvsflink.connector.kinesisvideo.testutils.GoldenFiles;
import dev.kvsflink.connector.kinesisvideo.testutils.VersionedSerializerContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class FragmentWindowSplitSerializerTest extends VersionedSerializerContract<FragmentWindowSplit> {

    private static final FragmentWindowSplitSerializer SERIALIZER =
            FragmentWindowSplitSerializer.INSTANCE;

    @Override
    protected GoldenFile<FragmentWindowSplit> currentGoldenFile() {
        return GoldenFiles.SPLIT_V2;
    }

    @Test
    void readsTheVersion1GoldenFileAsSettledAtTheWindowStart() throws IOException {
        FragmentWindowSplit split =
                SERIALIZER.deserialize(1, GoldenFiles.SPLIT_V1.committedBytes());
        assertThat(split).isEqualTo(GoldenFiles.SPLIT_V1.value());
        assertThat(split.settledUntilMillis()).isEqualTo(split.startMillis());
    }

    @Test
    void roundTripsAFreshSplit() throws IOException {
        FragmentWindowSplit split =
                FragmentWindowSplit.of(
                        StreamRef.ofName("cam-1"), FragmentSelectorType.SERVER_TIMESTAMP, 0, 1);
        assertThat(roundTrip(split)).isEqualTo(split);
    }

    @Test
    void roundTripsAnOpenEndedSplitWithResumePositionArnFloorAndSettledTime() throws IOException {
        FragmentWindowSplit split = GoldenFiles.SPLIT_V2.value();
        assertThat(roundTrip(split)).isEqualTo(split);
    }

    private static FragmentWindowSplit roundTrip(FragmentWindowSplit split) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(split));
    }
}
