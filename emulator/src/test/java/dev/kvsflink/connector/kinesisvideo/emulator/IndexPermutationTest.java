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

import dev.kvsflink.connector.kinesisvideo.emulator.paging.IndexPermutation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The lazy permutation behind shuffled pages is a bijection that actually shuffles. */
class IndexPermutationTest {

    @ParameterizedTest(name = "size {0}")
    @ValueSource(longs = {1, 2, 3, 5, 16, 17, 1000, 4097, 65_536})
    void mapsTheRangeOntoItself(long size) {
        IndexPermutation permutation = new IndexPermutation(size, 99);

        assertThat(LongStream.range(0, size).map(permutation::apply).sorted().toArray())
                .isEqualTo(LongStream.range(0, size).toArray());
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(longs = {16, 1000, 4097})
    void differsFromTheIdentityAndBetweenSeeds(long size) {
        IndexPermutation one = new IndexPermutation(size, 1);
        IndexPermutation two = new IndexPermutation(size, 2);

        assertThat(LongStream.range(0, size).filter(i -> one.apply(i) != i).count()).isPositive();
        assertThat(LongStream.range(0, size).filter(i -> one.apply(i) != two.apply(i)).count())
                .isPositive();
    }
}
