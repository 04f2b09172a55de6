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

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;

import java.util.ArrayList;
import java.util.List;

/**
 * What a complete read of a workload must produce, from the emulator's ground truth: the count of
 * each stream (for the physical limit) and the tally of all (to check every run).
 *
 * @param fragmentsPerStream each stream's fragment count in the range, in workload order
 * @param tally count and fingerprint sum of every fragment in the range
 */
record Truth(List<Long> fragmentsPerStream, Tally tally) {

    /** Asks the emulator; its lists are dropped before a run starts measuring heap. */
    static Truth of(KinesisVideoEmulator emulator, Workload workload) {
        List<Long> counts = new ArrayList<>();
        Tally tally = new Tally();
        for (Workload.Stream stream : workload.streams()) {
            // The API's range is inclusive at both ends, the workload's end exclusive.
            List<EmulatedFragment> fragments =
                    emulator.groundTruth(
                            stream.name(),
                            SelectorType.SERVER_TIMESTAMP,
                            workload.start(),
                            workload.end().minusMillis(1));
            counts.add((long) fragments.size());
            for (EmulatedFragment fragment : fragments) {
                tally.add(stream.name(), fragment.fragmentNumber());
            }
        }
        return new Truth(List.copyOf(counts), tally);
    }

    /** Whether {@code read} holds exactly the ground truth's fragments (count and fingerprints). */
    boolean matches(Tally read) {
        return read.count() == tally.count() && read.fingerprintSum() == tally.fingerprintSum();
    }
}
