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

package dev.kvsflink.connector.kinesisvideo.split;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FragmentPositionTest {

    @Test
    void ordersByTimestampBeforeFragmentNumber() {
        assertThat(FragmentPosition.of(1, "9").isAfter(FragmentPosition.of(2, "1"))).isFalse();
        assertThat(FragmentPosition.of(2, "1").isAfter(FragmentPosition.of(1, "9"))).isTrue();
    }

    @Test
    void ordersFragmentNumbersNumericallyAcrossADigitCountChange() {
        String shorter = "9".repeat(47);
        String longer = "1" + "0".repeat(47);
        assertThat(FragmentPosition.of(5, longer).isAfter(FragmentPosition.of(5, shorter)))
                .isTrue();
        assertThat(FragmentPosition.of(5, shorter).compareTo(FragmentPosition.of(5, longer)))
                .isNegative();
    }

    @Test
    void equalPositionsAreEqualAndNotAfterEachOther() {
        FragmentPosition a = FragmentPosition.of(7, "123");
        FragmentPosition b = FragmentPosition.of(7, "123");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.isAfter(b)).isFalse();
    }

    @Test
    void rejectsANonNumericFragmentNumber() {
        assertThatThrownBy(() -> FragmentPosition.of(1, "12a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'12a'");
    }
}
