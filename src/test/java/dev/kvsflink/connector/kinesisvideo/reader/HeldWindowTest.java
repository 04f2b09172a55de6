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

package dev.kvsflink.connector.kinesisvideo.reader;

import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.SERVER_TIMESTAMP;
import static dev.kvsflink.connector.kinesisvideo.testutils.Fragments.fragment;
import static dev.kvsflink.connector.kinesisvideo.testutils.Fragments.number;
import static org.assertj.core.api.Assertions.assertThat;

class HeldWindowTest {

    private static final StreamRef CAM = StreamRef.ofName("cam-1");
    private static final long LAG = 5_000;
    private static final FragmentWindowSplit WIDE =
            FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, 160_000);
    private static final FragmentWindowSplit TAIL =
            FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 100_000, Long.MAX_VALUE);

    @Test
    void aWindowThatEndedBeforeTheLagIsListedWholeAndCompleteAtOnce() {
        HeldWindow window =
                new HeldWindow(
                        FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, 60_000),
                        LAG,
                        LAG,
                        Integer.MAX_VALUE);
        WindowListing listing = window.listingAt(1_000_000);

        assertThat(request(listing)).containsExactly(0L, 59_999L);
        HeldWindow.Settlement settlement = settle(window, listing, at(30_000, 2), at(10_000, 1));
        assertThat(settlement.complete()).isTrue();
        assertThat(settlement.toEmit())
                .extracting(KinesisVideoFragment::fragmentNumber)
                .containsExactly(number(1), number(2));
    }

    @Test
    void anOpenWindowIsListedOnlyUpToNowMinusTheLag() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);

        WindowListing listing = window.listingAt(120_000);

        assertThat(request(listing)).containsExactly(100_000L, 114_999L);
    }

    @Test
    void anOpenWindowEmitsOnlyWhatItSettledAndIsNeverComplete() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);

        HeldWindow.Settlement settlement =
                settle(window, window.listingAt(120_000), at(101_000, 1), at(114_999, 2));

        assertThat(settlement.toEmit()).hasSize(2);
        assertThat(settlement.settledUntilMillis()).isEqualTo(115_000);
        assertThat(settlement.complete()).isFalse();
    }

    @Test
    void theNextListingStartsOneLagBeforeTheSettledTimeAndEmitsOnlyNewFragments() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);
        settle(window, window.listingAt(120_000), at(112_000, 1));

        WindowListing next = window.listingAt(121_000);

        assertThat(request(next)).containsExactly(110_000L, 115_999L);
        HeldWindow.Settlement settlement = settle(window, next, at(112_000, 1), at(115_500, 2));
        assertThat(settlement.toEmit())
                .extracting(KinesisVideoFragment::fragmentNumber)
                .containsExactly(number(2));
        assertThat(settlement.late()).isZero();
    }

    @Test
    void aFragmentThatAppearsAfterItsTimeWasSettledIsLateAndNotEmitted() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);
        settle(window, window.listingAt(120_000), at(112_000, 1));

        HeldWindow.Settlement settlement =
                settle(window, window.listingAt(121_000), at(112_000, 1), at(113_000, 7));

        assertThat(settlement.late()).isEqualTo(1);
        assertThat(settlement.toEmit()).isEmpty();
    }

    @Test
    void aLateFragmentIsCountedOnce() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);
        settle(window, window.listingAt(120_000));
        settle(window, window.listingAt(121_000), at(113_000, 7));

        HeldWindow.Settlement again = settle(window, window.listingAt(122_000), at(113_000, 7));

        assertThat(again.late()).isZero();
    }

    @Test
    void aRestoredWindowDoesNotTakeWhatItsPreviousOwnerEmittedForLate() {
        HeldWindow restored =
                new HeldWindow(TAIL.withSettledUntil(115_000), LAG, LAG, Integer.MAX_VALUE);

        HeldWindow.Settlement settlement =
                settle(restored, restored.listingAt(121_000), at(112_000, 1), at(115_500, 2));

        assertThat(settlement.late()).isZero();
        assertThat(settlement.toEmit())
                .extracting(KinesisVideoFragment::fragmentNumber)
                .containsExactly(number(2));
    }

    @Test
    void aRestoredWindowSkipsWhatWasEmittedBeforeTheCheckpoint() {
        FragmentWindowSplit split =
                TAIL.withSettledUntil(110_000)
                        .withResumeAfter(FragmentPosition.of(111_000, number(1)));
        HeldWindow restored = new HeldWindow(split, LAG, LAG, Integer.MAX_VALUE);

        HeldWindow.Settlement settlement =
                settle(restored, restored.listingAt(120_000), at(111_000, 1), at(111_000, 2));

        assertThat(settlement.toEmit())
                .extracting(KinesisVideoFragment::fragmentNumber)
                .containsExactly(number(2));
    }

    @Test
    void nothingIsListedWhileNoNewTimeCanBeSettled() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);

        assertThat(window.listingAt(104_000)).isNull();
    }

    @Test
    void theLastWindowOfARangeCompletesOnceTheLagHasPassedItsEnd() {
        HeldWindow window =
                new HeldWindow(
                        FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, 60_000),
                        LAG,
                        LAG,
                        Integer.MAX_VALUE);
        assertThat(settle(window, window.listingAt(60_000)).complete()).isFalse();

        HeldWindow.Settlement last = settle(window, window.listingAt(65_000), at(59_999, 1));

        assertThat(last.complete()).isTrue();
        assertThat(last.toEmit()).hasSize(1);
    }

    @Test
    void afterAGivenUpListingTheWindowIsSettledInHalvesEachFollowingTheLastWithoutLookingBack() {
        HeldWindow window =
                new HeldWindow(
                        FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, 60_000),
                        LAG,
                        LAG,
                        Integer.MAX_VALUE);
        assertThat(window.halveSpan(window.listingAt(1_000_000))).isTrue();

        WindowListing first = window.listingAt(1_000_000);
        assertThat(request(first)).containsExactly(0L, 29_999L);
        HeldWindow.Settlement part = settle(window, first, at(10_000, 1));
        assertThat(part.complete()).isFalse();
        assertThat(part.cutShort()).isTrue();
        assertThat(part.settledUntilMillis()).isEqualTo(30_000);

        WindowListing second = window.listingAt(1_000_000);
        assertThat(request(second)).containsExactly(30_000L, 59_999L);
        assertThat(settle(window, second, at(40_000, 2)).complete()).isTrue();
    }

    @Test
    void afterAPartThatHeldAtMostHalfTheBoundTheSpanDoublesAgain() {
        HeldWindow window = new HeldWindow(WIDE, LAG, LAG, 4);
        window.halveSpan(window.listingAt(1_000_000));
        window.halveSpan(window.listingAt(1_000_000));
        settle(window, window.listingAt(1_000_000), at(1_000, 1), at(2_000, 2));

        assertThat(request(window.listingAt(1_000_000))).containsExactly(40_000L, 119_999L);
    }

    @Test
    void afterARejectedTokenTheSpanDoesNotGrowAgain() {
        HeldWindow window = new HeldWindow(WIDE, LAG, LAG, 4);
        window.halveSpanForGood(window.listingAt(1_000_000));
        window.halveSpanForGood(window.listingAt(1_000_000));
        settle(window, window.listingAt(1_000_000));

        assertThat(request(window.listingAt(1_000_000))).containsExactly(40_000L, 79_999L);
    }

    @Test
    void aListingOfOneMillisecondCannotBeHalved() {
        HeldWindow window =
                new HeldWindow(
                        FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, 1),
                        LAG,
                        LAG,
                        Integer.MAX_VALUE);

        assertThat(window.halveSpan(window.listingAt(1_000_000))).isFalse();
    }

    // ------------------------------------------------------------------------

    private static KinesisVideoFragment at(long millis, long i) {
        return fragment("cam-1", number(i), millis);
    }

    private static HeldWindow.Settlement settle(
            HeldWindow window, WindowListing listing, KinesisVideoFragment... page) {
        listing.accept(new FragmentPage(List.of(page), null));
        return window.settle(listing);
    }

    /** The request's inclusive range, epoch ms. */
    private static List<Long> request(WindowListing listing) {
        var request = listing.nextRequest(1000);
        return List.of(toMillis(request.startInclusive()), toMillis(request.endInclusive()));
    }

    private static long toMillis(Instant instant) {
        return instant.toEpochMilli();
    }
}
