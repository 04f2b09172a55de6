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

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appendable streams hold what is appended, numbered in ingestion order. */
class AppendableStreamTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final KinesisVideoEmulator emulator = KinesisVideoEmulator.builder().seed(1).build();

    @Test
    void appendedFragmentsGetGrowing47DigitNumbers() {
        AppendableStream stream = emulator.createStream("appended");

        EmulatedFragment first = stream.append(T0);
        EmulatedFragment second = stream.append(T0.minusSeconds(1));

        assertThat(first.fragmentNumber()).hasSize(47);
        assertThat(second.fragmentNumberValue()).isGreaterThan(first.fragmentNumberValue());
        assertThat(stream.fragments()).containsExactly(first, second);
    }

    @Test
    void fragmentNumberNotAboveTheLastIsRefused() {
        AppendableStream stream = emulator.createStream("refused");
        stream.append(new EmulatedFragment("100", 1, T0, T0, 1));

        assertThatThrownBy(() -> stream.append(new EmulatedFragment("99", 1, T0, T0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingestion order");
    }

    @Test
    void timestampsAreTruncatedToMilliseconds() {
        EmulatedFragment fragment =
                new EmulatedFragment("1", 1, T0.plusNanos(1_999_999), T0.plusNanos(999), 1);

        assertThat(fragment.producerTimestamp()).isEqualTo(T0.plusMillis(1));
        assertThat(fragment.serverTimestamp()).isEqualTo(T0);
    }

    @Test
    void streamNameBreakingTheApiPatternIsRefused() {
        assertThatThrownBy(() -> emulator.createStream("no spaces"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamNameTakenTwiceIsRefused() {
        emulator.createStream("twice");

        assertThatThrownBy(() -> emulator.createStream("twice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void groundTruthOfAnUnknownStreamIsRefused() {
        assertThatThrownBy(
                        () ->
                                emulator.groundTruth(
                                        "nowhere", SelectorType.SERVER_TIMESTAMP, T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
