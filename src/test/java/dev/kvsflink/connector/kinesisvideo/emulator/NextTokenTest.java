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

import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.testutils.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;

import java.time.Duration;
import java.time.Instant;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.request;
import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NextTokens are bound to their stream and selector, refuse tampering, and can expire. */
class NextTokenTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(
                    b ->
                            b.clock(CLOCK)
                                    .fullPages()
                                    .tpsPerStream(0)
                                    .tokenTtl(Duration.ofMinutes(5)));

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static String firstToken(KinesisVideoArchivedMediaClient media, String streamName) {
        AppendableStream stream = EMULATOR.emulator().createStream(streamName);
        for (int i = 0; i < 10; i++) {
            stream.append(T0.plusSeconds(i));
        }
        String token =
                media.listFragments(
                                request(
                                        streamName,
                                        SelectorType.SERVER_TIMESTAMP,
                                        T0,
                                        T0.plusSeconds(60),
                                        2))
                        .nextToken();
        assertThat(token).isNotNull().matches("[a-zA-Z0-9+/]+={0,2}");
        return token;
    }

    @Test
    void tokenUsedWithAnotherStreamIsRejected() {
        try (KinesisVideoArchivedMediaClient media =
                EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false)) {
            String token = firstToken(media, "token-a");
            EMULATOR.emulator().createStream("token-b");

            assertThatThrownBy(
                            () ->
                                    media.listFragments(
                                            ListFragmentsRequest.builder()
                                                    .streamName("token-b")
                                                    .nextToken(token)
                                                    .build()))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("another stream");
        }
    }

    @Test
    void tokenUsedWithAnotherSelectorIsRejected() {
        try (KinesisVideoArchivedMediaClient media =
                EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false)) {
            String token = firstToken(media, "token-selector");

            assertThatThrownBy(
                            () ->
                                    media.listFragments(
                                            ListFragmentsRequest.builder()
                                                    .streamName("token-selector")
                                                    .nextToken(token)
                                                    .fragmentSelector(
                                                            selector(
                                                                    SelectorType.PRODUCER_TIMESTAMP,
                                                                    T0,
                                                                    T0.plusSeconds(60)))
                                                    .build()))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("FragmentSelector");
        }
    }

    @Test
    void tamperedTokenIsRejected() {
        try (KinesisVideoArchivedMediaClient media =
                EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false)) {
            String token = firstToken(media, "token-tampered");
            char flipped = token.charAt(10) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, 10) + flipped + token.substring(11);

            assertThatThrownBy(
                            () ->
                                    media.listFragments(
                                            ListFragmentsRequest.builder()
                                                    .streamName("token-tampered")
                                                    .nextToken(tampered)
                                                    .build()))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("NextToken is invalid");
        }
    }

    @Test
    void tokenOlderThanItsTimeToLiveIsRejectedAsExpired() {
        try (KinesisVideoArchivedMediaClient media =
                EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false)) {
            String token = firstToken(media, "token-expired");
            CLOCK.advance(Duration.ofMinutes(5).plusMillis(1));

            assertThatThrownBy(
                            () ->
                                    media.listFragments(
                                            ListFragmentsRequest.builder()
                                                    .streamName("token-expired")
                                                    .nextToken(token)
                                                    .build()))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("expired");
        }
    }

    @Test
    void tokenWithinItsTimeToLiveIsAccepted() {
        try (KinesisVideoArchivedMediaClient media =
                EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false)) {
            String token = firstToken(media, "token-fresh");
            CLOCK.advance(Duration.ofMinutes(5));

            assertThat(
                            media.listFragments(
                                            ListFragmentsRequest.builder()
                                                    .streamName("token-fresh")
                                                    .maxResults(2L)
                                                    .nextToken(token)
                                                    .build())
                                    .fragments())
                    .hasSize(2);
        }
    }
}
