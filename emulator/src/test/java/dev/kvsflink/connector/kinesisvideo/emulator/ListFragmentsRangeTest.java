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

import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.listAll;
import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The range semantics of ListFragments, through the real SDK client, on appendable streams. */
class ListFragmentsRangeTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(b -> b.seed(11).fullPages().tpsPerStream(0));

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Ten fragments, two seconds apart, whose producer clock runs 500 ms behind. */
    private static AppendableStream tenFragments(String name) {
        AppendableStream stream = EMULATOR.emulator().createStream(name);
        for (int i = 0; i < 10; i++) {
            Instant server = T0.plusSeconds(2L * i);
            stream.append(server.minusMillis(500), server);
        }
        return stream;
    }

    @Test
    void serverRangeIncludesFragmentsStartingExactlyOnBothEnds() {
        AppendableStream stream = tenFragments("range-server");
        List<EmulatedFragment> all = stream.fragments();
        List<EmulatedFragment> listed =
                listAll(
                        EMULATOR,
                        stream.name(),
                        SelectorType.SERVER_TIMESTAMP,
                        T0.plusSeconds(4),
                        T0.plusSeconds(10),
                        1000);

        assertThat(listed).containsExactlyInAnyOrderElementsOf(all.subList(2, 6));
    }

    @Test
    void producerRangeMatchesProducerTimestamps() {
        AppendableStream stream = tenFragments("range-producer");
        List<EmulatedFragment> all = stream.fragments();
        // Producer timestamps are T0 + 2i - 0.5 s: [3.5 s, 9.5 s] holds i = 2..5 exactly.
        List<EmulatedFragment> listed =
                listAll(
                        EMULATOR,
                        stream.name(),
                        SelectorType.PRODUCER_TIMESTAMP,
                        T0.plusMillis(3500),
                        T0.plusMillis(9500),
                        1000);

        assertThat(listed).containsExactlyInAnyOrderElementsOf(all.subList(2, 6));
    }

    @Test
    void adjacentRangesSharingAnEndpointBothReturnTheFragmentOnIt() {
        AppendableStream stream = tenFragments("range-adjacent");
        EmulatedFragment onTheBoundary = stream.fragments().get(3);
        Instant boundary = onTheBoundary.serverTimestamp();
        List<EmulatedFragment> before =
                listAll(EMULATOR, stream.name(), SelectorType.SERVER_TIMESTAMP, T0, boundary, 1000);
        List<EmulatedFragment> after =
                listAll(
                        EMULATOR,
                        stream.name(),
                        SelectorType.SERVER_TIMESTAMP,
                        boundary,
                        T0.plusSeconds(60),
                        1000);

        assertThat(before).contains(onTheBoundary).hasSize(4);
        assertThat(after).contains(onTheBoundary).hasSize(7);
    }

    @Test
    void rangeOfOneInstantReturnsEveryFragmentStartingOnIt() {
        AppendableStream stream = EMULATOR.emulator().createStream("range-ties");
        EmulatedFragment first = stream.append(T0);
        EmulatedFragment tie = stream.append(T0);
        stream.append(T0.plusMillis(1));
        List<EmulatedFragment> listed =
                listAll(EMULATOR, stream.name(), SelectorType.SERVER_TIMESTAMP, T0, T0, 1000);

        assertThat(listed).containsExactlyInAnyOrder(first, tie);
    }

    @Test
    void millisecondsOfTimestampsSurviveTheRoundTrip() {
        AppendableStream stream = EMULATOR.emulator().createStream("range-millis");
        EmulatedFragment fragment = stream.append(T0.plusMillis(1), T0.plusMillis(999));
        List<EmulatedFragment> listed =
                listAll(
                        EMULATOR,
                        stream.name(),
                        SelectorType.SERVER_TIMESTAMP,
                        T0.plusMillis(999),
                        T0.plusMillis(999),
                        1000);

        assertThat(listed).containsExactly(fragment);
    }

    @Test
    void streamIsAddressableByArn() {
        AppendableStream stream = tenFragments("range-arn");
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient(stream.name())) {
            ListFragmentsRequest byArn =
                    request(
                                    stream.name(),
                                    SelectorType.SERVER_TIMESTAMP,
                                    T0,
                                    T0.plus(Duration.ofHours(1)),
                                    3)
                            .toBuilder()
                            .streamName(null)
                            .streamARN(stream.arn())
                            .build();

            assertThat(listAll(media, byArn))
                    .containsExactlyInAnyOrderElementsOf(stream.fragments());
        }
    }

    @Test
    void streamArnNamesRegionAccountNameAndCreationTime() {
        AppendableStream stream = EMULATOR.emulator().createStream("range-arn-shape");

        assertThat(stream.arn())
                .matches(
                        "arn:aws:kinesisvideo:us-east-1:123456789012:stream/range-arn-shape/[0-9]{13}");
    }

    @Test
    void groundTruthEqualsWhatTheSdkLists() {
        AppendableStream stream = tenFragments("range-truth");
        Instant end = T0.plusSeconds(7);
        List<EmulatedFragment> listed =
                listAll(EMULATOR, stream.name(), SelectorType.PRODUCER_TIMESTAMP, T0, end, 2);

        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(
                        EMULATOR.emulator()
                                .groundTruth(
                                        stream.arn(), SelectorType.PRODUCER_TIMESTAMP, T0, end));
    }
}
