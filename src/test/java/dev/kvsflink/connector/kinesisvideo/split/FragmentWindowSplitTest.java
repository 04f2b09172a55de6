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
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.PRODUCER_TIMESTAMP;
import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.SERVER_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FragmentWindowSplitTest {

    private static final StreamRef CAM_1 = StreamRef.ofName("cam-1");

    @Test
    void windowIsHalfOpen() {
        FragmentWindowSplit split = FragmentWindowSplit.of(CAM_1, SERVER_TIMESTAMP, 1000, 2000);
        assertThat(split.contains(Instant.ofEpochMilli(1000))).isTrue();
        assertThat(split.contains(Instant.ofEpochMilli(1999))).isTrue();
        assertThat(split.contains(Instant.ofEpochMilli(2000))).isFalse();
        assertThat(split.contains(Instant.ofEpochMilli(999))).isFalse();
    }

    @Test
    void splitIdIgnoresProgressAndFloor() {
        FragmentWindowSplit split = FragmentWindowSplit.of(CAM_1, SERVER_TIMESTAMP, 1000, 2000);
        FragmentWindowSplit progressed =
                split.withResumeAfter(FragmentPosition.of(1500, "7")).withWatermarkFloor(3000);
        assertThat(progressed.splitId()).isEqualTo(split.splitId());
        assertThat(progressed).isNotEqualTo(split);
    }

    @Test
    void splitIdDiffersPerStreamSelectorAndWindow() {
        FragmentWindowSplit base = FragmentWindowSplit.of(CAM_1, SERVER_TIMESTAMP, 1000, 2000);
        assertThat(base.splitId())
                .isNotEqualTo(
                        FragmentWindowSplit.of(
                                        StreamRef.ofName("cam-2"), SERVER_TIMESTAMP, 1000, 2000)
                                .splitId())
                .isNotEqualTo(
                        FragmentWindowSplit.of(CAM_1, PRODUCER_TIMESTAMP, 1000, 2000).splitId())
                .isNotEqualTo(
                        FragmentWindowSplit.of(CAM_1, SERVER_TIMESTAMP, 1000, 2001).splitId());
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> FragmentWindowSplit.of(CAM_1, SERVER_TIMESTAMP, 2000, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2000");
    }

    @Test
    void earliestPendingIsTheResumeTimestampOnceProgressed() {
        FragmentWindowSplit split =
                FragmentWindowSplit.of(CAM_1, FragmentSelectorType.SERVER_TIMESTAMP, 1000, 2000);
        assertThat(split.earliestPendingMillis()).isEqualTo(1000);
        assertThat(split.withResumeAfter(FragmentPosition.of(1500, "1")).earliestPendingMillis())
                .isEqualTo(1500);
    }
}
