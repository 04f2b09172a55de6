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

import static org.assertj.core.api.Assertions.assertThat;

/** The statistics of one fragment: half-open coverage, and adding up in any grouping. */
class FragmentStatsTest {
    private static final FragmentStats EMPTY =
            new FragmentStats(
                    "cam",
                    "91343852333181432392682062607743920146439",
                    1_000,
                    2_000,
                    0,
                    0,
                    null,
                    null);

    @Test
    void aFragmentCoversItsStartButNotItsEnd() {
        assertThat(EMPTY.covers(999)).isFalse();
        assertThat(EMPTY.covers(1_000)).isTrue();
        assertThat(EMPTY.covers(2_999)).isTrue();
        assertThat(EMPTY.covers(3_000)).isFalse();
    }

    @Test
    void mergingPartialStatisticsEqualsAddingEveryReading() {
        FragmentStats added = EMPTY.plus(5).plus(-3).plus(12);
        FragmentStats merged = EMPTY.plus(5).merge(EMPTY).merge(EMPTY.plus(-3).plus(12));

        assertThat(merged).isEqualTo(added);
        assertThat(added.count()).isEqualTo(3);
        assertThat(added.min()).isEqualTo(-3L);
        assertThat(added.max()).isEqualTo(12L);
        assertThat(added.mean()).isEqualTo(14.0 / 3);
    }

    @Test
    void aFragmentWithoutReadingsHasNoMinMaxOrMeanAndEmptyCsvStatistics() {
        assertThat(EMPTY.mean()).isNull();
        assertThat(EMPTY.toCsv()).endsWith(",2000,0,,,");
        assertThat(EMPTY.plus(215).toCsv()).endsWith(",2000,1,215,215,215.00");
    }
}
