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

package dev.kvsflink.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhysicalLimitTest {

    @Test
    void aStreamNeedsOneCallPerThousandFragmentsRoundedUp() {
        assertThat(PhysicalLimit.minCalls(1)).isEqualTo(1);
        assertThat(PhysicalLimit.minCalls(1000)).isEqualTo(1);
        assertThat(PhysicalLimit.minCalls(1001)).isEqualTo(2);
        assertThat(PhysicalLimit.minCalls(1_000_000)).isEqualTo(1000);
    }

    @Test
    void anEmptyStreamStillNeedsOneCallToTellItIsEmpty() {
        assertThat(PhysicalLimit.minCalls(0)).isEqualTo(1);
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> PhysicalLimit.minCalls(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callsOfSeveralStreamsAddUp() {
        assertThat(PhysicalLimit.minCalls(List.of(1_000_000L, 1L, 0L))).isEqualTo(1002);
    }

    @Test
    void streamsAreListedInParallelSoTheSlowestStreamSetsTheLimit() {
        // 1,000,000 fragments: 1000 calls at 5/s = 200 s; the small streams run meanwhile.
        assertThat(PhysicalLimit.minSeconds(List.of(1_000_000L, 5_000L, 1L))).isEqualTo(200.0);
        // 16 streams of 100,000: 100 calls each, 20 s, whatever the number of streams.
        assertThat(PhysicalLimit.minSeconds(java.util.Collections.nCopies(16, 100_000L)))
                .isEqualTo(20.0);
    }

    @Test
    void aPartialLastPageCostsAWholeCall() {
        assertThat(PhysicalLimit.minSeconds(List.of(1_001L))).isEqualTo(0.4);
    }
}
