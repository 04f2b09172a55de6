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

import dev.kvsflink.connector.kinesisvideo.emulator.store.SyntheticFragmentStore;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;

import java.time.Instant;
import java.util.List;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.listAll;
import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lazily computed stream of ten million fragments answers range queries through the SDK with
 * exactly its ground truth (this asserts correctness; EmulatorBenchmark measures speed).
 */
class SyntheticStreamTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(b -> b.seed(8).tpsPerStream(0));

    private static final String STREAM = "synthetic-10m";
    private static final SyntheticStreamSpec SPEC =
            SyntheticStreamSpec.builder()
                    .seed(7)
                    .fragments(10_000_000)
                    .tieProbability(0.01)
                    .build();
    private static final Instant FAR_PAST = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2040-01-01T00:00:00Z");

    @BeforeAll
    static void addStream() {
        EMULATOR.emulator().addSyntheticStream(STREAM, SPEC);
    }

    private static List<EmulatedFragment> list(SelectorType selector, Instant start, Instant end) {
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient(STREAM)) {
            return listAll(media, request(STREAM, selector, start, end, 1000));
        }
    }

    /**
     * The server timestamps of fragments {@code index} and {@code index + fragments}, as range
     * ends; a store computed from the same spec has the same fragments as the emulator's.
     */
    private static Instant[] serverRangeAround(long index, long fragments) {
        SyntheticFragmentStore store = new SyntheticFragmentStore(SPEC);
        return new Instant[] {
            store.fragment(index).serverTimestamp(),
            store.fragment(index + fragments).serverTimestamp()
        };
    }

    @Test
    void serverRangeDeepInTheStreamEqualsTheGroundTruthIncludingBothEnds() {
        Instant[] range = serverRangeAround(7_000_000, 3_000);

        List<EmulatedFragment> listed = list(SelectorType.SERVER_TIMESTAMP, range[0], range[1]);

        List<EmulatedFragment> truth =
                EMULATOR.emulator()
                        .groundTruth(STREAM, SelectorType.SERVER_TIMESTAMP, range[0], range[1]);
        assertThat(truth).hasSizeGreaterThan(2_000);
        assertThat(truth.get(0).serverTimestamp()).isEqualTo(range[0]);
        assertThat(truth.get(truth.size() - 1).serverTimestamp()).isEqualTo(range[1]);
        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(truth);
    }

    @Test
    void producerRangeDeepInTheStreamEqualsTheGroundTruth() {
        Instant[] range = serverRangeAround(4_000_000, 2_000);

        List<EmulatedFragment> listed = list(SelectorType.PRODUCER_TIMESTAMP, range[0], range[1]);

        assertThat(listed)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        EMULATOR.emulator()
                                .groundTruth(
                                        STREAM,
                                        SelectorType.PRODUCER_TIMESTAMP,
                                        range[0],
                                        range[1]));
    }

    @Test
    void rangeAcrossTheDigitChangeHoldsBoth46And47DigitNumbers() {
        Instant[] range = serverRangeAround(SPEC.digitChangeAt() - 500, 1_000);

        List<EmulatedFragment> listed = list(SelectorType.SERVER_TIMESTAMP, range[0], range[1]);

        assertThat(listed).extracting(f -> f.fragmentNumber().length()).contains(46, 47);
    }

    @Test
    void theWholeStreamIsTenMillionFragmentsWithoutMaterializingThem() {
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient(STREAM)) {
            var firstPage =
                    media.listFragments(
                            request(
                                    STREAM,
                                    SelectorType.SERVER_TIMESTAMP,
                                    FAR_PAST,
                                    FAR_FUTURE,
                                    1000));

            assertThat(firstPage.nextToken()).isNotNull();
            assertThat(firstPage.fragments()).hasSizeLessThanOrEqualTo(1000);
        }
        assertThat(EMULATOR.emulator().counters().fragmentsReturned(STREAM))
                .isLessThanOrEqualTo(1000);
    }
}
