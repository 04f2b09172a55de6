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

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream specs of the command line. */
class StreamSpecParsingTest {

    @Test
    void syntheticOptionsSetEveryField() {
        SyntheticStreamSpec spec =
                SyntheticStreamSpec.parse(
                        "seed=7,fragments=1000000,start=2026-02-01T00:00:00Z,interval=1s,"
                                + "jitter=50ms,skew=5s,ties=0.02,outages=4,outage-length=1h,"
                                + "digit-change-at=10,min-size=1,max-size=2");

        assertThat(spec)
                .isEqualTo(
                        new SyntheticStreamSpec(
                                7,
                                1_000_000,
                                Instant.parse("2026-02-01T00:00:00Z"),
                                Duration.ofSeconds(1),
                                Duration.ofMillis(50),
                                Duration.ofSeconds(5),
                                0.02,
                                4,
                                Duration.ofHours(1),
                                10,
                                1,
                                2));
    }

    @Test
    void syntheticDefaultsScaleOutagesAndDigitChangeWithSize() {
        SyntheticStreamSpec spec = SyntheticStreamSpec.parse("fragments=1000000");

        assertThat(spec.outages()).isEqualTo(11);
        assertThat(spec.digitChangeAt()).isEqualTo(500_000);
    }

    @Test
    void liveOptionsSetEveryField() {
        LiveStreamSpec spec =
                LiveStreamSpec.parse("seed=3,rate=30/m,skew=2s,delay=1500ms,min-size=5,max-size=6");

        assertThat(spec)
                .isEqualTo(
                        new LiveStreamSpec(
                                3, 0.5, Duration.ofSeconds(2), Duration.ofMillis(1500), 5, 6));
    }

    @Test
    void liveRateAcceptsPerSecondWithoutUnit() {
        assertThat(LiveStreamSpec.parse("rate=2/s").ratePerSecond()).isEqualTo(2);
        assertThat(LiveStreamSpec.parse("rate=4").ratePerSecond()).isEqualTo(4);
    }

    @Test
    void unknownOptionIsRefusedByName() {
        assertThatThrownBy(() -> SyntheticStreamSpec.parse("fragmentz=5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fragmentz");
    }

    @Test
    void jitterNotBelowTheIntervalIsRefused() {
        assertThatThrownBy(() -> SyntheticStreamSpec.parse("interval=1s,jitter=1s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jitter");
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        assertThat(SpecOptions.duration("150ms")).isEqualTo(Duration.ofMillis(150));
        assertThat(SpecOptions.duration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SpecOptions.duration("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }
}
