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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(request(window, 1_000_000)).containsExactly(0L, 59_999L);
        Settlement settlement = accept(window, at(30_000, 2), at(10_000, 1));
        assertThat(settlement.complete()).isTrue();
        assertThat(numbers(settlement)).containsExactly(number(1), number(2));
    }

    @Test
    void anOpenWindowIsListedOnlyUpToNowMinusTheLag() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);

        assertThat(request(window, 120_000)).containsExactly(100_000L, 114_999L);
    }

    @Test
    void anOpenWindowEmitsOnlyWhatItSettledAndIsNeverComplete() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);

        Settlement settlement = settle(window, 120_000, at(101_000, 1), at(114_999, 2));

        assertThat(settlement.toEmit()).hasSize(2);
        assertThat(settlement.settledUntilMillis()).isEqualTo(115_000);
        assertThat(settlement.complete()).isFalse();
    }

    @Test
    void theNextListingStartsOneLagBeforeTheSettledTimeAndEmitsOnlyNewFragments() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);
        settle(window, 120_000, at(112_000, 1));

        assertThat(request(window, 121_000)).containsExactly(110_000L, 115_999L);
        Settlement settlement = accept(window, at(112_000, 1), at(115_500, 2));
        assertThat(numbers(settlement)).containsExactly(number(2));
        assertThat(settlement.late()).isZero();
    }

    @Test
    void aFragmentThatAppearsAfterItsTimeWasSettledIsLateAndNotEmitted() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);
        settle(window, 120_000, at(112_000, 1));

        Settlement settlement = settle(window, 121_000, at(112_000, 1), at(113_000, 7));

        assertThat(settlement.late()).isEqualTo(1);
        assertThat(settlement.toEmit()).isEmpty();
    }

    @Test
    void aLateFragmentIsCountedOnce() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);
        settle(window, 120_000);
        settle(window, 121_000, at(113_000, 7));

        Settlement again = settle(window, 122_000, at(113_000, 7));

        assertThat(again.late()).isZero();
    }

    @Test
    void aRestoredWindowDoesNotTakeWhatItsPreviousOwnerEmittedForLate() {
        HeldWindow restored =
                new HeldWindow(TAIL.withSettledUntil(115_000), LAG, LAG, Integer.MAX_VALUE);

        Settlement settlement = settle(restored, 121_000, at(112_000, 1), at(115_500, 2));

        assertThat(settlement.late()).isZero();
        assertThat(numbers(settlement)).containsExactly(number(2));
    }

    @Test
    void aRestoredWindowSkipsWhatWasEmittedBeforeTheCheckpoint() {
        FragmentWindowSplit split =
                TAIL.withSettledUntil(110_000)
                        .withResumeAfter(FragmentPosition.of(111_000, number(1)));
        HeldWindow restored = new HeldWindow(split, LAG, LAG, Integer.MAX_VALUE);

        Settlement settlement = settle(restored, 120_000, at(111_000, 1), at(111_000, 2));

        assertThat(numbers(settlement)).containsExactly(number(2));
    }

    @Test
    void nothingIsListedWhileNoNewTimeCanBeSettled() {
        HeldWindow window = new HeldWindow(TAIL, LAG, LAG, Integer.MAX_VALUE);

        assertThat(window.nextRequest(104_000, 1000)).isNull();
    }

    @Test
    void theLastWindowOfARangeCompletesOnceTheLagHasPassedItsEnd() {
        HeldWindow window =
                new HeldWindow(
                        FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, 60_000),
                        LAG,
                        LAG,
                        Integer.MAX_VALUE);
        assertThat(settle(window, 60_000).complete()).isFalse();

        Settlement last = settle(window, 65_000, at(59_999, 1));

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
        window.nextRequest(1_000_000, 1000);
        assertThat(window.giveUpRejectedListing()).isTrue();

        assertThat(request(window, 1_000_000)).containsExactly(0L, 29_999L);
        Settlement part = accept(window, at(10_000, 1));
        assertThat(part.complete()).isFalse();
        assertThat(part.cutShort()).isTrue();
        assertThat(part.settledUntilMillis()).isEqualTo(30_000);

        assertThat(request(window, 1_000_000)).containsExactly(30_000L, 59_999L);
        assertThat(accept(window, at(40_000, 2)).complete()).isTrue();
    }

    @Test
    void afterAPartThatHeldAtMostHalfTheBoundTheSpanDoublesAgain() {
        HeldWindow window = new HeldWindow(WIDE, LAG, LAG, 4);
        overflow(window, 1_000_000, 5);
        overflow(window, 1_000_000, 5);
        settle(window, 1_000_000, at(1_000, 1), at(2_000, 2));

        assertThat(request(window, 1_000_000)).containsExactly(40_000L, 119_999L);
    }

    @Test
    void afterARejectedTokenTheSpanDoesNotGrowAgain() {
        HeldWindow window = new HeldWindow(WIDE, LAG, LAG, 4);
        window.nextRequest(1_000_000, 1000);
        window.giveUpRejectedListing();
        window.nextRequest(1_000_000, 1000);
        window.giveUpRejectedListing();
        settle(window, 1_000_000);

        assertThat(request(window, 1_000_000)).containsExactly(40_000L, 79_999L);
    }

    @Test
    void aListingOfOneMillisecondCannotBeHalved() {
        HeldWindow window =
                new HeldWindow(
                        FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, 1),
                        LAG,
                        LAG,
                        Integer.MAX_VALUE);

        window.nextRequest(1_000_000, 1000);

        assertThat(window.giveUpRejectedListing()).isFalse();
    }

    @Test
    void aListingThatOverflowsTheBoundIsGivenUpAndTheNextCoversHalfItsTime() {
        HeldWindow window = new HeldWindow(WIDE, LAG, LAG, 4);

        overflow(window, 1_000_000, 5);

        assertThat(request(window, 1_000_000)).containsExactly(0L, 79_999L);
    }

    @Test
    void oneMillisecondHoldingMoreThanTheBoundFailsNamingTheOption() {
        HeldWindow window =
                new HeldWindow(FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, 1), LAG, LAG, 1);
        window.nextRequest(1_000_000, 1000);

        assertThatThrownBy(() -> accept(window, at(0, 1), at(0, 2)))
                .isInstanceOf(HeldWindow.TooDense.class)
                .hasMessageContaining("more than 1 fragments")
                .hasMessageContaining("source.window.max-fragments");
    }

    @Test
    void eachFragmentToEmitCarriesItsPositionAndWhenItWasFetched() {
        HeldWindow window = new HeldWindow(WIDE, LAG, LAG, Integer.MAX_VALUE);
        window.nextRequest(1_000_000, 1000);

        Settlement settlement =
                window.accept(new FragmentPage(List.of(at(7_000, 3)), null), 999_000);

        assertThat(settlement.toEmit())
                .containsExactly(
                        new FetchedElement.Fragment(
                                at(7_000, 3), FragmentPosition.of(7_000, number(3)), 999_000));
    }

    // ------------------------------------------------------------------------

    private static KinesisVideoFragment at(long millis, long i) {
        return fragment("cam-1", number(i), millis);
    }

    /** Lists {@code window} at {@code nowMillis} in one page of {@code page}. */
    private static Settlement settle(
            HeldWindow window, long nowMillis, KinesisVideoFragment... page) {
        window.nextRequest(nowMillis, 1000);
        return accept(window, page);
    }

    /** Answers the listing in progress with one last page of {@code page}. */
    private static Settlement accept(HeldWindow window, KinesisVideoFragment... page) {
        return window.accept(new FragmentPage(List.of(page), null), 0);
    }

    /**
     * Lists {@code window} at {@code nowMillis} in a page of {@code count} fragments at 1 ms on.
     */
    private static void overflow(HeldWindow window, long nowMillis, int count) {
        window.nextRequest(nowMillis, 1000);
        KinesisVideoFragment[] page = new KinesisVideoFragment[count];
        for (int i = 0; i < count; i++) {
            page[i] = at(1 + i, 100 + i);
        }
        assertThat(accept(window, page)).isNull();
    }

    /** The inclusive range of the request of {@code window} at {@code nowMillis}, epoch ms. */
    private static List<Long> request(HeldWindow window, long nowMillis) {
        var request = window.nextRequest(nowMillis, 1000);
        return List.of(toMillis(request.startInclusive()), toMillis(request.endInclusive()));
    }

    private static List<String> numbers(Settlement settlement) {
        return settlement.toEmit().stream().map(f -> f.fragment().fragmentNumber()).toList();
    }

    private static long toMillis(Instant instant) {
        return instant.toEpochMilli();
    }
}
