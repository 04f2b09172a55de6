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

package dev.kvsflink.connector.kinesisvideo.emulator;

import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.listAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Live streams grow with the clock, and become listable only after their visibility delay. */
class LiveStreamTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(b -> b.clock(CLOCK).fullPages().tpsPerStream(0));

    private static final Instant FAR_PAST = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2030-01-01T00:00:00Z");

    /** Two fragments per second, visible one second after their server timestamp. */
    private static LiveStream twoPerSecond(String name) {
        return EMULATOR.emulator()
                .addLiveStream(
                        name,
                        LiveStreamSpec.builder()
                                .rate(2)
                                .visibilityDelay(Duration.ofSeconds(1))
                                .producerSkew(Duration.ofMillis(300))
                                .seed(9)
                                .build());
    }

    private static List<EmulatedFragment> listNow(String name) {
        return listAll(EMULATOR, name, SelectorType.SERVER_TIMESTAMP, FAR_PAST, FAR_FUTURE, 1000);
    }

    private static List<EmulatedFragment> groundTruth(String name) {
        return EMULATOR.emulator()
                .groundTruth(name, SelectorType.SERVER_TIMESTAMP, FAR_PAST, FAR_FUTURE);
    }

    @Test
    void streamGrowsAtItsRateFromItsCreation() {
        Instant created = CLOCK.instant();
        twoPerSecond("live-grows");
        CLOCK.advance(Duration.ofSeconds(3));

        assertThat(groundTruth("live-grows"))
                .extracting(EmulatedFragment::serverTimestamp)
                .containsExactly(
                        created.plusMillis(500),
                        created.plusMillis(1000),
                        created.plusMillis(1500),
                        created.plusMillis(2000),
                        created.plusMillis(2500),
                        created.plusMillis(3000));
    }

    @Test
    void fragmentsBecomeListableOnlyAfterTheVisibilityDelay() {
        twoPerSecond("live-delay");
        CLOCK.advance(Duration.ofSeconds(3));

        List<EmulatedFragment> listed = listNow("live-delay");

        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(groundTruth("live-delay").subList(0, 4));
    }

    @Test
    void visibleAtTellsWhatAListingStartingThenReturns() {
        twoPerSecond("live-visible-at");
        CLOCK.advance(Duration.ofSeconds(4));

        assertThat(listNow("live-visible-at"))
                .containsExactlyInAnyOrderElementsOf(
                        EMULATOR.emulator()
                                .visibleAt(
                                        "live-visible-at",
                                        SelectorType.SERVER_TIMESTAMP,
                                        FAR_PAST,
                                        FAR_FUTURE,
                                        CLOCK.instant()))
                .hasSize(6);
    }

    @Test
    void pausedStreamStopsGrowingAndResumesLater() {
        LiveStream stream = twoPerSecond("live-paused");
        CLOCK.advance(Duration.ofSeconds(2));
        stream.pause();
        CLOCK.advance(Duration.ofSeconds(10));
        assertThat(stream.size()).isEqualTo(4);

        stream.resume();
        CLOCK.advance(Duration.ofSeconds(1));

        assertThat(stream.size()).isEqualTo(6);
        assertThat(groundTruth("live-paused").get(4).serverTimestamp())
                .isEqualTo(CLOCK.instant().minusMillis(500));
    }

    @Test
    void rateChangeTakesEffectFromNow() {
        LiveStream stream = twoPerSecond("live-rate");
        CLOCK.advance(Duration.ofSeconds(1));

        stream.rate(10);
        CLOCK.advance(Duration.ofSeconds(1));

        assertThat(stream.size()).isEqualTo(2 + 10);
    }

    @Test
    void producerTimestampsStayWithinTheSkewAndNumbersGrowWithServerTime() {
        twoPerSecond("live-skew");
        CLOCK.advance(Duration.ofSeconds(30));

        List<EmulatedFragment> all = groundTruth("live-skew");

        assertThat(all)
                .hasSize(60)
                .allSatisfy(
                        f ->
                                assertThat(
                                                Duration.between(
                                                                f.serverTimestamp(),
                                                                f.producerTimestamp())
                                                        .abs())
                                        .isLessThanOrEqualTo(Duration.ofMillis(300)))
                .isSortedAccordingTo(EmulatedFragment.INGESTION_ORDER)
                .extracting(EmulatedFragment::fragmentNumber)
                .allSatisfy(n -> assertThat(n).hasSize(47));
    }

    @Test
    void producerSelectorFindsFragmentsByTheirSkewedTimestamps() {
        twoPerSecond("live-producer");
        CLOCK.advance(Duration.ofSeconds(20));
        EmulatedFragment tenth = groundTruth("live-producer").get(10);
        Instant at = tenth.producerTimestamp();

        List<EmulatedFragment> listed =
                listAll(EMULATOR, "live-producer", SelectorType.PRODUCER_TIMESTAMP, at, at, 1000);

        assertThat(listed).contains(tenth).allMatch(f -> f.producerTimestamp().equals(at));
    }
}
