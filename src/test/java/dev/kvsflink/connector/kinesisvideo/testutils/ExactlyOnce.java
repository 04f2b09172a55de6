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

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions that what a job emitted is, per stream, exactly the emulator's ground truth: no
 * fragment missing, none emitted twice (server timestamps).
 */
public final class ExactlyOnce {

    private ExactlyOnce() {}

    /** Per stream, {@code emitted} holds exactly the fragments in {@code [start, end)}. */
    public static void assertExact(
            KinesisVideoEmulator emulator,
            List<KinesisVideoFragment> emitted,
            List<String> streams,
            Instant start,
            Instant end) {
        assertEmittedOnce(emitted);
        for (String stream : streams) {
            assertThat(ofStream(emitted, stream))
                    .as("%s emits every fragment of [%s, %s) once", stream, start, end)
                    .containsExactlyInAnyOrderElementsOf(groundTruth(emulator, stream, start, end));
        }
    }

    /**
     * Per stream, {@code emitted} is exactly the stream's fragments from {@code start} up to its
     * latest emitted one, each once, and includes every fragment before {@code atLeastUntil}.
     */
    public static void assertExactPrefixes(
            KinesisVideoEmulator emulator,
            List<KinesisVideoFragment> emitted,
            List<String> streams,
            Instant start,
            Instant atLeastUntil) {
        assertEmittedOnce(emitted);
        for (String stream : streams) {
            List<KinesisVideoFragment> ofStream = ofStream(emitted, stream);
            Instant until =
                    ofStream.stream()
                            .map(KinesisVideoFragment::serverTimestamp)
                            .max(Instant::compareTo)
                            .map(t -> t.plusMillis(1))
                            .orElse(start);
            assertThat(ofStream)
                    .as("%s emits its fragments from the start, in a gapless prefix", stream)
                    .containsExactlyInAnyOrderElementsOf(
                            groundTruth(emulator, stream, start, until));
            assertThat(ofStream)
                    .as("%s emits every fragment before %s", stream, atLeastUntil)
                    .containsAll(groundTruth(emulator, stream, start, atLeastUntil));
        }
    }

    /** Whether {@code emitted} holds every fragment of {@code streams} in {@code [start, end)}. */
    public static boolean covers(
            KinesisVideoEmulator emulator,
            List<KinesisVideoFragment> emitted,
            List<String> streams,
            Instant start,
            Instant end) {
        Set<String> keys = new HashSet<>();
        emitted.forEach(f -> keys.add(key(f)));
        return GroundTruth.of(emulator, streams, FragmentSelectorType.SERVER_TIMESTAMP, start, end)
                .stream()
                .allMatch(f -> keys.contains(key(f)));
    }

    private static void assertEmittedOnce(List<KinesisVideoFragment> emitted) {
        Set<String> keys = new HashSet<>();
        for (KinesisVideoFragment f : emitted) {
            assertThat(keys.add(key(f))).as("emitted once: %s", f).isTrue();
        }
    }

    private static List<KinesisVideoFragment> ofStream(
            List<KinesisVideoFragment> emitted, String stream) {
        return emitted.stream().filter(f -> f.streamName().equals(stream)).toList();
    }

    private static List<KinesisVideoFragment> groundTruth(
            KinesisVideoEmulator emulator, String stream, Instant start, Instant end) {
        return GroundTruth.of(
                emulator, List.of(stream), FragmentSelectorType.SERVER_TIMESTAMP, start, end);
    }

    private static String key(KinesisVideoFragment f) {
        return f.streamName() + "/" + f.fragmentNumber();
    }
}
