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

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.junit.jupiter.api.Test;

import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.SERVER_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

class TimeWindowPlannerTest {

    private static final StreamRef CAM = StreamRef.ofName("cam-1");
    private static final long MIN = 1_000;
    private static final long MAX = 7 * 24 * 3_600_000L;
    private static final TimeWindowPlanner PLANNER = new TimeWindowPlanner(MIN, MAX, 10_000);

    @Test
    void plansAWindowOfTheCursorsLengthFromItsStart() {
        FragmentWindowSplit w =
                PLANNER.nextWindow(
                        StreamCursor.of(CAM, 5_000, 600_000, 10_000_000),
                        SERVER_TIMESTAMP,
                        Long.MAX_VALUE);
        assertThat(w.startMillis()).isEqualTo(5_000);
        assertThat(w.endMillis()).isEqualTo(605_000);
    }

    @Test
    void consecutiveWindowsShareTheirEdgeWithoutGapOrOverlap() {
        StreamCursor cursor = StreamCursor.of(CAM, 0, 600_000, 10_000_000);
        FragmentWindowSplit first = PLANNER.nextWindow(cursor, SERVER_TIMESTAMP, Long.MAX_VALUE);
        FragmentWindowSplit second =
                PLANNER.nextWindow(
                        cursor.advancedTo(first.endMillis()), SERVER_TIMESTAMP, Long.MAX_VALUE);
        assertThat(second.startMillis()).isEqualTo(first.endMillis());
    }

    @Test
    void truncatesTheLastWindowAtTheRangeEnd() {
        FragmentWindowSplit w =
                PLANNER.nextWindow(
                        StreamCursor.of(CAM, 9_900_000, 600_000, 10_000_000),
                        SERVER_TIMESTAMP,
                        Long.MAX_VALUE);
        assertThat(w.endMillis()).isEqualTo(10_000_000);
    }

    @Test
    void plansNothingOnceTheRangeEndIsReached() {
        assertThat(
                        PLANNER.nextWindow(
                                StreamCursor.of(CAM, 10_000_000, 600_000, 10_000_000),
                                SERVER_TIMESTAMP,
                                Long.MAX_VALUE))
                .isNull();
    }

    @Test
    void aWindowThatWouldPassTheHorizonBecomesTheOpenTailOfAnUnboundedRange() {
        StreamCursor cursor = StreamCursor.of(CAM, 0, 600_000, Long.MAX_VALUE);
        FragmentWindowSplit tail = PLANNER.nextWindow(cursor, SERVER_TIMESTAMP, 100_000);
        assertThat(tail.startMillis()).isZero();
        assertThat(tail.isOpenEnded()).isTrue();
    }

    @Test
    void aWindowThatWouldPassTheHorizonRunsToTheEndOfABoundedRange() {
        StreamCursor cursor = StreamCursor.of(CAM, 0, 600_000, 10_000_000);
        assertThat(PLANNER.nextWindow(cursor, SERVER_TIMESTAMP, 100_000).endMillis())
                .isEqualTo(10_000_000);
    }

    @Test
    void aWindowEndingExactlyOnTheHorizonIsAnOrdinaryWindow() {
        StreamCursor cursor = StreamCursor.of(CAM, 0, 600_000, Long.MAX_VALUE);
        assertThat(PLANNER.nextWindow(cursor, SERVER_TIMESTAMP, 600_000).endMillis())
                .isEqualTo(600_000);
    }

    @Test
    void aStartBeyondTheHorizonStillGetsItsOpenTail() {
        StreamCursor cursor = StreamCursor.of(CAM, 5_000_000, 600_000, Long.MAX_VALUE);
        assertThat(PLANNER.nextWindow(cursor, SERVER_TIMESTAMP, 0).isOpenEnded()).isTrue();
    }

    @Test
    void unboundedCursorNearTheEndOfTimeDoesNotOverflow() {
        StreamCursor cursor = StreamCursor.of(CAM, Long.MAX_VALUE - 10, 600_000, Long.MAX_VALUE);
        assertThat(PLANNER.nextWindow(cursor, SERVER_TIMESTAMP, Long.MAX_VALUE).endMillis())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sizesTheNextWindowToHoldTheTargetAtTheObservedDensity() {
        // 20,000 fragments in 10 minutes: 10,000 fit in 5 minutes.
        assertThat(PLANNER.adaptedLength(600_000, 20_000)).isEqualTo(300_000);
    }

    @Test
    void growsAtMostEightfoldPerObservation() {
        assertThat(PLANNER.adaptedLength(600_000, 10)).isEqualTo(8 * 600_000);
    }

    @Test
    void anEmptyWindowGrowsEightfold() {
        assertThat(PLANNER.adaptedLength(600_000, 0)).isEqualTo(8 * 600_000);
    }

    @Test
    void neverPlansBelowTheMinimumSize() {
        assertThat(PLANNER.adaptedLength(2_000, 1_000_000)).isEqualTo(MIN);
    }

    @Test
    void neverPlansAboveTheMaximumSize() {
        assertThat(PLANNER.adaptedLength(MAX, 0)).isEqualTo(MAX);
    }
}
