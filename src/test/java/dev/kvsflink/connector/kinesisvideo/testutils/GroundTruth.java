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

package dev.kvsflink.connector.kinesisvideo.testutils;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a complete read of a range of emulated streams must emit, as the source emits it. */
public final class GroundTruth {

    private GroundTruth() {}

    /** The fragments of {@code streams} (names or ARNs) in {@code [start, end)}. */
    public static List<KinesisVideoFragment> of(
            KinesisVideoEmulator emulator,
            List<String> streams,
            FragmentSelectorType selector,
            Instant start,
            Instant end) {
        List<KinesisVideoFragment> expected = new ArrayList<>();
        for (String stream : streams) {
            StreamRef ref = StreamRef.parse(stream);
            for (EmulatedFragment f :
                    emulator.groundTruth(
                            stream,
                            SelectorType.valueOf(selector.name()),
                            start,
                            end.minusMillis(1))) {
                expected.add(
                        new KinesisVideoFragment(
                                ref.name(),
                                ref.arn(),
                                f.fragmentNumber(),
                                f.fragmentSizeInBytes(),
                                f.producerTimestamp(),
                                f.serverTimestamp(),
                                f.fragmentLengthInMilliseconds()));
            }
        }
        return expected;
    }
}
