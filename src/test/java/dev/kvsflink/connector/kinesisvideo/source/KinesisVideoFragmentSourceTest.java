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

package dev.kvsflink.connector.kinesisvideo.source;

import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;

import dev.kvsflink.connector.kinesisvideo.enumerator.KinesisVideoEnumeratorState;
import dev.kvsflink.connector.kinesisvideo.enumerator.StreamCursor;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.testutils.FakeClientFactory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class KinesisVideoFragmentSourceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-03T00:00:00Z");
    private static final StreamRef CAM_1 = StreamRef.ofName("cam-1");
    private static final StreamRef CAM_2 = StreamRef.ofName("cam-2");

    private final TestingSplitEnumeratorContext<FragmentWindowSplit> context =
            new TestingSplitEnumeratorContext<>(2);

    @Test
    void restoringKeepsTheCheckpointedCursorsAndPendingSplits() throws Exception {
        StreamCursor cursor = aMinuteIntoTheRange();
        FragmentWindowSplit pending = theFirstMinute();
        KinesisVideoEnumeratorState checkpoint =
                new KinesisVideoEnumeratorState(List.of(cursor), List.of(pending));

        KinesisVideoEnumeratorState restored =
                source("cam-1").restoreEnumerator(context, checkpoint).snapshotState(2);

        assertThat(restored).isEqualTo(checkpoint);
    }

    @Test
    void restoringStartsAStreamMissingFromTheCheckpointAtTheRangeStart() throws Exception {
        StreamCursor cursor = aMinuteIntoTheRange();
        KinesisVideoEnumeratorState checkpoint =
                new KinesisVideoEnumeratorState(List.of(cursor), List.of());

        KinesisVideoEnumeratorState restored =
                source("cam-1", "cam-2").restoreEnumerator(context, checkpoint).snapshotState(2);

        assertThat(restored.cursors())
                .containsExactly(
                        cursor,
                        StreamCursor.of(CAM_2, T0.toEpochMilli(), 600_000, T1.toEpochMilli()));
    }

    @Test
    void restoringWithALaterEndPlansOnFromTheOldEndToTheNewOne() throws Exception {
        // The checkpoint's range was fully planned: its last window ended at T1.
        StreamCursor exhausted =
                StreamCursor.of(CAM_1, T1.toEpochMilli(), 5_000, T1.toEpochMilli());
        KinesisVideoEnumeratorState checkpoint =
                new KinesisVideoEnumeratorState(List.of(exhausted), List.of());

        var enumerator = source(T0, T2, "cam-1").restoreEnumerator(context, checkpoint);
        context.registerReader(0, "localhost");
        enumerator.handleSplitRequest(0, null);

        assertThat(context.getSplitAssignments().get(0).getAssignedSplits())
                .extracting(FragmentWindowSplit::startMillis, FragmentWindowSplit::endMillis)
                .containsExactly(tuple(T1.toEpochMilli(), T1.toEpochMilli() + 5_000));
    }

    @Test
    void aFreshEnumeratorHandsOutTheFirstWindow() {
        var enumerator = source("cam-1").createEnumerator(context);
        enumerator.handleSplitRequest(0, null);
        assertThat(context.getSplitAssignments().get(0).getAssignedSplits())
                .extracting(FragmentWindowSplit::startMillis)
                .containsExactly(T0.toEpochMilli());
    }

    private static KinesisVideoFragmentSource source(String... streams) {
        return source(T0, T1, streams);
    }

    private static KinesisVideoFragmentSource source(
            Instant start, Instant end, String... streams) {
        return KinesisVideoFragmentSource.builder()
                .streams(streams)
                .range(start, end)
                .region("us-east-1")
                .clientFactory(FakeClientFactory.serving("source-test", List.of(), 10))
                .build();
    }

    /** CAM_1's cursor a minute into {@code [T0, T1)}, with windows of 5 s. */
    private static StreamCursor aMinuteIntoTheRange() {
        return StreamCursor.of(CAM_1, T0.toEpochMilli() + 60_000, 5_000, T1.toEpochMilli());
    }

    /** CAM_1's window of the range's first minute, not yet assigned. */
    private static FragmentWindowSplit theFirstMinute() {
        return FragmentWindowSplit.of(
                CAM_1,
                FragmentSelectorType.SERVER_TIMESTAMP,
                T0.toEpochMilli(),
                T0.toEpochMilli() + 60_000);
    }
}
