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

import dev.kvsflink.connector.kinesisvideo.emulator.paging.PageToken;
import dev.kvsflink.connector.kinesisvideo.emulator.paging.PageTokenCodec;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** NextToken strings: the API's alphabet, a faithful round trip, and refusal of anything else. */
class PageTokenCodecTest {

    private static final PageTokenCodec CODEC = new PageTokenCodec(new byte[] {1, 2, 3});
    private static final PageToken TOKEN =
            new PageToken(
                    "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-1/1767225600000",
                    SelectorType.PRODUCER_TIMESTAMP,
                    1_767_225_600_000L,
                    1_767_229_200_250L,
                    17,
                    1_000_017,
                    -42,
                    5_000,
                    6,
                    1_772_323_200_000L);

    @Test
    void encodedTokenRoundTripsAndMatchesTheApiPattern() {
        String text = CODEC.encode(TOKEN);

        assertThat(text).matches("[a-zA-Z0-9+/]+={0,2}").hasSizeLessThanOrEqualTo(4096);
        assertThat(CODEC.decode(text)).contains(TOKEN);
    }

    @Test
    void tokenWithAChangedByteIsRefused() {
        byte[] bytes = Base64.getDecoder().decode(CODEC.encode(TOKEN));
        bytes[40] ^= 1;

        assertThat(CODEC.decode(Base64.getEncoder().encodeToString(bytes))).isEmpty();
    }

    @Test
    void tokenOfAnotherKeyIsRefused() {
        String text = new PageTokenCodec(new byte[] {9}).encode(TOKEN);

        assertThat(CODEC.decode(text)).isEmpty();
    }

    @Test
    void truncatedTokenIsRefused() {
        String text = CODEC.encode(TOKEN);

        assertThat(CODEC.decode(text.substring(0, 40))).isEmpty();
    }

    @Test
    void textThatIsNotBase64IsRefused() {
        assertThat(CODEC.decode("not base64 at all")).isEmpty();
    }
}
