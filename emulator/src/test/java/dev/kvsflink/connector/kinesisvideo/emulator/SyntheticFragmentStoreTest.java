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

import dev.kvsflink.connector.kinesisvideo.emulator.store.SyntheticFragmentStore;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape of a synthetic stream's fragments, checked directly on the store. */
class SyntheticFragmentStoreTest {

    private static final int N = 200_000;
    private static final SyntheticStreamSpec SPEC =
            SyntheticStreamSpec.builder().seed(42).fragments(N).tieProbability(0.01).build();
    private static final SyntheticFragmentStore STORE = new SyntheticFragmentStore(SPEC);

    private static LongStream indices() {
        return LongStream.range(1, N);
    }

    @Test
    void serverTimestampsNeverDecrease() {
        assertThat(indices().filter(i -> STORE.serverMillis(i) < STORE.serverMillis(i - 1)).count())
                .isZero();
    }

    @Test
    void producerOrderDisagreesWithServerOrderSomewhere() {
        assertThat(
                        indices()
                                .filter(i -> STORE.producerMillis(i) < STORE.producerMillis(i - 1))
                                .count())
                .isPositive();
    }

    @Test
    void producerTimestampsStayWithinTheSkew() {
        long skew = SPEC.producerSkew().toMillis();

        assertThat(
                        LongStream.range(0, N)
                                .filter(
                                        i ->
                                                Math.abs(
                                                                STORE.producerMillis(i)
                                                                        - STORE.serverMillis(i))
                                                        > skew)
                                .count())
                .isZero();
    }

    @Test
    void someFragmentsStartExactlyOnWholeHoursByBothClocks() {
        assertThat(
                        LongStream.range(0, N)
                                .filter(i -> STORE.serverMillis(i) % 3_600_000 == 0)
                                .filter(i -> STORE.producerMillis(i) == STORE.serverMillis(i))
                                .count())
                .isGreaterThan(10);
    }

    @Test
    void someConsecutiveFragmentsHaveIdenticalTimestamps() {
        assertThat(
                        indices()
                                .filter(i -> STORE.serverMillis(i) == STORE.serverMillis(i - 1))
                                .count())
                .isPositive();
    }

    @Test
    void outagesLeaveGapsWithoutFragments() {
        SyntheticStreamSpec noTies =
                SyntheticStreamSpec.builder().seed(42).fragments(N).tieProbability(0).build();
        SyntheticFragmentStore store = new SyntheticFragmentStore(noTies);
        // Without an outage, consecutive starts are at most an interval plus the jitter apart.
        long longestRegularGap = noTies.interval().plus(noTies.jitter()).toMillis();

        assertThat(
                        indices()
                                .filter(
                                        i ->
                                                store.serverMillis(i) - store.serverMillis(i - 1)
                                                        > longestRegularGap)
                                .count())
                .isEqualTo(noTies.outages())
                .isPositive();
    }

    @Test
    void fragmentNumbersGrowStrictlyAndChangeFrom46To47Digits() {
        long change = SPEC.digitChangeAt();

        assertThat(STORE.fragment(change - 1).fragmentNumber()).hasSize(46);
        assertThat(STORE.fragment(change).fragmentNumber()).hasSize(47);
        assertThat(STORE.fragment(N - 1).fragmentNumber()).hasSize(47);
        assertThat(
                        indices()
                                .filter(
                                        i ->
                                                EmulatedFragment.FRAGMENT_NUMBER_ORDER.compare(
                                                                STORE.fragment(i).fragmentNumber(),
                                                                STORE.fragment(i - 1)
                                                                        .fragmentNumber())
                                                        <= 0)
                                .count())
                .isZero();
    }

    @Test
    void fragmentNumbersAgreeWithBigIntegerArithmetic() {
        // Consecutive numbers differ by 10^18 plus the difference of two noises below 10^18.
        BigInteger step = BigInteger.TEN.pow(18);
        for (long i = SPEC.digitChangeAt() - 3; i < SPEC.digitChangeAt() + 3; i++) {
            BigInteger difference =
                    STORE.fragment(i + 1)
                            .fragmentNumberValue()
                            .subtract(STORE.fragment(i).fragmentNumberValue());
            assertThat(difference).isPositive().isLessThan(step.shiftLeft(1));
        }
    }

    @Test
    void noDigitChangeGivesFortySevenDigitsThroughout() {
        SyntheticFragmentStore store =
                new SyntheticFragmentStore(
                        SyntheticStreamSpec.builder().fragments(100).digitChangeAt(0).build());

        assertThat(LongStream.range(0, 100).mapToObj(i -> store.fragment(i).fragmentNumber()))
                .allSatisfy(n -> assertThat(n).hasSize(47));
    }

    @Test
    void sameSpecGivesTheSameFragmentsAndAnotherSeedOthers() {
        SyntheticFragmentStore again = new SyntheticFragmentStore(SPEC);
        SyntheticFragmentStore other =
                new SyntheticFragmentStore(
                        SyntheticStreamSpec.builder().seed(43).fragments(N).build());

        assertThat(again.fragment(12_345)).isEqualTo(STORE.fragment(12_345));
        assertThat(other.fragment(12_345)).isNotEqualTo(STORE.fragment(12_345));
    }

    @Test
    void firstFragmentStartsAtTheSpecStart() {
        SyntheticFragmentStore store =
                new SyntheticFragmentStore(
                        SyntheticStreamSpec.builder()
                                .start(Instant.parse("2026-02-01T00:00:00Z"))
                                .interval(Duration.ofSeconds(1))
                                .fragments(10)
                                .build());

        assertThat(store.fragment(0).serverTimestamp())
                .isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(store.fragment(0).fragmentLengthInMilliseconds()).isEqualTo(1000);
    }
}
