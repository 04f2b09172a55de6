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

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisVideoEnumeratorStateTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long T1 = Instant.parse("2026-01-02T00:00:00Z").toEpochMilli();
    private static final long T2 = Instant.parse("2026-01-03T00:00:00Z").toEpochMilli();
    private static final long INITIAL_WINDOW = 600_000;
    private static final StreamRef CAM_1 = StreamRef.ofName("cam-1");
    private static final StreamRef CAM_2 = StreamRef.ofName("cam-2");

    @Test
    void aStartingSourceHasACursorPerStreamAtTheRangeStartAndNothingPending() {
        KinesisVideoEnumeratorState initial =
                KinesisVideoEnumeratorState.initial(List.of(CAM_1, CAM_2), T0, INITIAL_WINDOW, T1);

        assertThat(initial)
                .isEqualTo(
                        new KinesisVideoEnumeratorState(
                                List.of(
                                        StreamCursor.of(CAM_1, T0, INITIAL_WINDOW, T1),
                                        StreamCursor.of(CAM_2, T0, INITIAL_WINDOW, T1)),
                                List.of()));
    }

    @Test
    void restoringWithALaterEndKeepsPositionWindowLengthAndPendingSplits() {
        StreamCursor cursor = aMinuteIntoTheRange();
        FragmentWindowSplit pending = theFirstMinute();

        KinesisVideoEnumeratorState restored =
                new KinesisVideoEnumeratorState(List.of(cursor), List.of(pending))
                        .continuedBy(List.of(CAM_1), T0, INITIAL_WINDOW, T2);

        assertThat(restored)
                .isEqualTo(
                        new KinesisVideoEnumeratorState(
                                List.of(cursor.withEndMillis(T2)), List.of(pending)));
    }

    @Test
    void restoringATailingCheckpointIntoABackfillThatEndsEarlierFails() {
        StreamCursor tailing = StreamCursor.of(CAM_1, T1, 5_000, Long.MAX_VALUE);
        KinesisVideoEnumeratorState checkpoint =
                new KinesisVideoEnumeratorState(List.of(tailing), List.of());

        assertThatThrownBy(() -> checkpoint.continuedBy(List.of(CAM_1), T0, INITIAL_WINDOW, T2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("up to no end (a tailing source)")
                .hasMessageContaining("can extend its range but not cut it");
    }

    @Test
    void restoringWithAnEarlierEndFailsNamingBothEnds() {
        StreamCursor cursor = StreamCursor.of(CAM_1, T0, 5_000, T2);
        KinesisVideoEnumeratorState checkpoint =
                new KinesisVideoEnumeratorState(List.of(cursor), List.of());

        assertThatThrownBy(() -> checkpoint.continuedBy(List.of(CAM_1), T0, INITIAL_WINDOW, T1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("up to " + Instant.ofEpochMilli(T2))
                .hasMessageContaining("range end " + Instant.ofEpochMilli(T1));
    }

    @Test
    void restoringWithoutAnEndTurnsTheBackfillIntoATail() {
        StreamCursor cursor = StreamCursor.of(CAM_1, T1, 5_000, T1);

        KinesisVideoEnumeratorState restored =
                new KinesisVideoEnumeratorState(List.of(cursor), List.of())
                        .continuedBy(List.of(CAM_1), T0, INITIAL_WINDOW, Long.MAX_VALUE);

        assertThat(restored.cursors()).containsExactly(cursor.withEndMillis(Long.MAX_VALUE));
    }

    @Test
    void aStreamRemovedFromTheConfigurationKeepsTheCheckpointsEnd() {
        StreamCursor removed = StreamCursor.of(CAM_2, T0, 5_000, T1);

        KinesisVideoEnumeratorState restored =
                new KinesisVideoEnumeratorState(List.of(removed), List.of())
                        .continuedBy(List.of(CAM_1), T0, INITIAL_WINDOW, T2);

        assertThat(restored.cursors())
                .containsExactly(removed, StreamCursor.of(CAM_1, T0, INITIAL_WINDOW, T2));
    }

    /** CAM_1's cursor a minute into {@code [T0, T1)}, with windows of 5 s. */
    private static StreamCursor aMinuteIntoTheRange() {
        return StreamCursor.of(CAM_1, T0 + 60_000, 5_000, T1);
    }

    /** CAM_1's window of the range's first minute, not yet assigned. */
    private static FragmentWindowSplit theFirstMinute() {
        return FragmentWindowSplit.of(
                CAM_1, FragmentSelectorType.SERVER_TIMESTAMP, T0, T0 + 60_000);
    }
}
