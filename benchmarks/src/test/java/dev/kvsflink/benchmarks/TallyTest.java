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

import static org.assertj.core.api.Assertions.assertThat;

class TallyTest {

    private static final String A = "91343852333181432392682062607743920146264772710";
    private static final String B = "91343852333181432392682062607743920146264772711";

    @Test
    void theOrderOfFragmentsDoesNotMatter() {
        Tally forward = tally("cam-1", A, "cam-1", B);
        Tally backward = tally("cam-1", B, "cam-1", A);

        assertThat(backward.count()).isEqualTo(2);
        assertThat(backward.fingerprintSum()).isEqualTo(forward.fingerprintSum());
    }

    @Test
    void aDuplicateInPlaceOfALostFragmentKeepsTheCountButNotTheSum() {
        Tally exact = tally("cam-1", A, "cam-1", B);
        Tally wrong = tally("cam-1", A, "cam-1", A);

        assertThat(wrong.count()).isEqualTo(exact.count());
        assertThat(wrong.fingerprintSum()).isNotEqualTo(exact.fingerprintSum());
    }

    @Test
    void theSameFragmentNumberOnAnotherStreamIsAnotherFragment() {
        assertThat(Tally.fingerprint("cam-1", A)).isNotEqualTo(Tally.fingerprint("cam-2", A));
    }

    @Test
    void resetForgetsEverything() {
        Tally tally = tally("cam-1", A, "cam-1", B);

        tally.reset();

        assertThat(tally.count()).isZero();
        assertThat(tally.fingerprintSum()).isZero();
    }

    private static Tally tally(String... streamsAndNumbers) {
        Tally tally = new Tally();
        for (int i = 0; i < streamsAndNumbers.length; i += 2) {
            tally.add(streamsAndNumbers[i], streamsAndNumbers[i + 1]);
        }
        return tally;
    }
}
