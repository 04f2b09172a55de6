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

package dev.kvsflink.examples.sensorjoin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated readings: reproducible, in timestamp order, inside the range. */
class SensorReadingsTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(10));

    @Test
    void sameSeedGivesTheSameReadingsAndAnotherSeedOthers() {
        List<String> cams = List.of("a", "b");
        SensorReadings one = SensorReadings.of(cams, START, END, Duration.ofMillis(250), 7);

        assertThat(SensorReadings.of(cams, START, END, Duration.ofMillis(250), 7).all())
                .containsExactlyElementsOf(one.all().toList());
        assertThat(SensorReadings.of(cams, START, END, Duration.ofMillis(250), 8).all().toList())
                .isNotEqualTo(one.all().toList());
    }

    @Test
    void readingsGrowStrictlyInTimeStayInTheRangeAndCoverEveryCamera() {
        SensorReadings readings =
                SensorReadings.of(List.of("a", "b", "c"), START, END, Duration.ofMillis(250), 1);

        List<SensorReading> all = readings.all().toList();
        assertThat(all).hasSize(2400);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).timestampMillis())
                    .isGreaterThan(all.get(i - 1).timestampMillis());
        }
        assertThat(all.get(0).timestampMillis()).isGreaterThanOrEqualTo(START.toEpochMilli());
        assertThat(all.get(all.size() - 1).timestampMillis()).isLessThan(END.toEpochMilli());
        assertThat(all).extracting(SensorReading::camera).contains("a", "b", "c");
        assertThat(all).allMatch(r -> r.deciCelsius() >= -50 && r.deciCelsius() < 350);
    }
}
