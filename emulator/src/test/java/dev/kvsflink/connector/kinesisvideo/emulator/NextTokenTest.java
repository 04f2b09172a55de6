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
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    /** Without the SDK's retries, so that a refused token fails the call at once. */
    private KinesisVideoArchivedMediaClient media;

    @BeforeEach
    void openClient() {
        media = EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false);
    }

    @AfterEach
    void closeClient() {
        media.close();
    }

    /** Creates {@code streamName} with ten fragments and returns its first page's NextToken. */
    private String firstToken(String streamName) {
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

    /** A request continuing a listing of {@code streamName} with {@code token}, and no selector. */
    private static ListFragmentsRequest.Builder continuation(String streamName, String token) {
        return ListFragmentsRequest.builder().streamName(streamName).nextToken(token);
    }

    @Test
    void tokenUsedWithAnotherStreamIsRejected() {
        String token = firstToken("token-a");
        EMULATOR.emulator().createStream("token-b");

        assertThatThrownBy(() -> media.listFragments(continuation("token-b", token).build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("another stream");
    }

    @Test
    void tokenUsedWithAnotherSelectorIsRejected() {
        String token = firstToken("token-selector");
        ListFragmentsRequest withAnotherSelector =
                continuation("token-selector", token)
                        .fragmentSelector(
                                selector(SelectorType.PRODUCER_TIMESTAMP, T0, T0.plusSeconds(60)))
                        .build();

        assertThatThrownBy(() -> media.listFragments(withAnotherSelector))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("FragmentSelector");
    }

    @Test
    void tamperedTokenIsRejected() {
        String token = firstToken("token-tampered");
        char flipped = token.charAt(10) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, 10) + flipped + token.substring(11);

        assertThatThrownBy(
                        () -> media.listFragments(continuation("token-tampered", tampered).build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("NextToken is invalid");
    }

    @Test
    void tokenOlderThanItsTimeToLiveIsRejectedAsExpired() {
        String token = firstToken("token-expired");
        CLOCK.advance(Duration.ofMinutes(5).plusMillis(1));

        assertThatThrownBy(() -> media.listFragments(continuation("token-expired", token).build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void tokenWithinItsTimeToLiveIsAccepted() {
        String token = firstToken("token-fresh");
        CLOCK.advance(Duration.ofMinutes(5));

        assertThat(
                        media.listFragments(
                                        continuation("token-fresh", token).maxResults(2L).build())
                                .fragments())
                .hasSize(2);
    }
}
