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

package dev.kvsflink.e2e;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;

import java.time.Instant;
import java.util.List;

/**
 * A synthetic stream of the emulator, described once: the emulator process serves it from its
 * {@code --stream} argument, and the test computes its ground truth offline from the same spec
 * (every fragment is a pure function of the spec, so both agree).
 *
 * @param name the stream's name
 * @param options the spec, as {@code SyntheticStreamSpec.parse} reads it, e.g. {@code
 *     seed=1,fragments=5000}
 */
public record SyntheticCamera(String name, String options) implements EmulatedStream {

    @Override
    public String argument() {
        return "synthetic:" + name + ":" + options;
    }

    /**
     * Every fragment a complete read of {@code [start, end)} by server timestamp must produce, as
     * {@link FragmentLine}s.
     */
    public List<FragmentLine> groundTruth(Instant start, Instant endExclusive) {
        KinesisVideoEmulator offline = KinesisVideoEmulator.builder().build();
        offline.addSyntheticStream(name, SyntheticStreamSpec.parse(options));
        return offline
                .groundTruth(
                        name, SelectorType.SERVER_TIMESTAMP, start, endExclusive.minusMillis(1))
                .stream()
                .map(f -> FragmentLine.of(name, f))
                .toList();
    }
}
