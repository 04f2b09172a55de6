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

package dev.kvsflink.connector.kinesisvideo.enumerator;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TailSpreadTest {

    private final TailSpread tails = new TailSpread();

    @Test
    void aReaderHoldingMoreTailsThanAnotherLetsTheOtherTakeTheNext() {
        tails.add(0, "cam-1|tail");

        assertThat(tails.holdsMoreThanAnother(0, 2, Set.of())).isTrue();
        assertThat(tails.holdsMoreThanAnother(1, 2, Set.of())).isFalse();
    }

    @Test
    void aReaderThatHasNotRegisteredYetCountsAsHoldingNone() {
        tails.add(0, "cam-1|tail");
        tails.add(1, "cam-2|tail");

        // Reader 2 of 3 has not asked yet: reader 0 must leave the next tail to it.
        assertThat(tails.holdsMoreThanAnother(0, 3, Set.of())).isTrue();
    }

    @Test
    void aReaderToldThatNoSplitWillComeTakesNoTailAndDoesNotCount() {
        tails.add(0, "cam-1|tail");

        assertThat(tails.holdsMoreThanAnother(0, 2, Set.of(1))).isFalse();
    }

    @Test
    void aRemovedTailNoLongerCounts() {
        tails.add(0, "cam-1|tail");
        tails.remove(0, "cam-1|tail");

        assertThat(tails.holdsMoreThanAnother(0, 2, Set.of())).isFalse();
    }
}
