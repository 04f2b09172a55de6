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

package dev.kvsflink.examples.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HumanUnitsTest {

    @Test
    void durationsAreInTheLargestUnitWithOneDecimal() {
        assertThat(HumanUnits.duration(Duration.parse("PT15.77439349S"))).isEqualTo("15.8 s");
        assertThat(HumanUnits.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(HumanUnits.duration(Duration.parse("PT17M29.953S"))).isEqualTo("17.5 min");
        assertThat(HumanUnits.duration(Duration.ofMinutes(150))).isEqualTo("2.5 h");
        assertThat(HumanUnits.duration(Duration.ofDays(3))).isEqualTo("3.0 days");
    }

    @Test
    void sizesAreInDecimalUnitsWithOneDecimal() {
        assertThat(HumanUnits.bytes(33_708_639_880L)).isEqualTo("33.7 GB");
        assertThat(HumanUnits.bytes(999)).isEqualTo("999 B");
        assertThat(HumanUnits.bytes(54_281_577)).isEqualTo("54.3 MB");
        assertThat(HumanUnits.bytes(999_960)).isEqualTo("1.0 MB");
    }
}
