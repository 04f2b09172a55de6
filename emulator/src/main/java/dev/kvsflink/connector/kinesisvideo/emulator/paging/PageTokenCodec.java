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

package dev.kvsflink.connector.kinesisvideo.emulator.paging;

import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns a {@link PageToken} into a {@code NextToken} string and back. The string is standard Base64
 * (it matches the API's {@code [a-zA-Z0-9+/]+={0,2}}) of the token's fields followed by a truncated
 * HMAC-SHA256, so that a token that was altered, cut, or made by another emulator is refused rather
 * than misread. Thread-safe.
 */
public final class PageTokenCodec {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 12;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** A codec whose tokens are authenticated with {@code key}. */
    public PageTokenCodec(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), HMAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The {@code NextToken} string of {@code token}. */
    public String encode(PageToken token) {
        byte[] arn = token.streamArn().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer =
                ByteBuffer.allocate(1 + 2 + arn.length + 1 + 8 * Long.BYTES + MAC_BYTES);
        buffer.put(VERSION).putShort((short) arn.length).put(arn);
        buffer.put((byte) token.selector().ordinal());
        buffer.putLong(token.startMs()).putLong(token.endMs());
        buffer.putLong(token.lo()).putLong(token.hi());
        buffer.putLong(token.permutationSeed()).putLong(token.offset());
        buffer.putLong(token.page()).putLong(token.issuedAtMs());
        buffer.put(mac(buffer.array(), buffer.position()));
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** The token {@code text} encodes, or empty if it is not a token this codec made. */
    public Optional<PageToken> decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < MAC_BYTES + 1) {
            return Optional.empty();
        }
        int bodyLength = bytes.length - MAC_BYTES;
        byte[] expected = mac(bytes, bodyLength);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
            return Optional.empty();
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, bodyLength);
            if (buffer.get() != VERSION) {
                return Optional.empty();
            }
            byte[] arn = new byte[buffer.getShort()];
            buffer.get(arn);
            SelectorType selector = SelectorType.values()[buffer.get()];
            PageToken token =
                    new PageToken(
                            new String(arn, StandardCharsets.UTF_8),
                            selector,
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.getLong(),
                            buffer.getLong());
            return buffer.hasRemaining() ? Optional.empty() : Optional.of(token);
        } catch (BufferUnderflowException
                | IndexOutOfBoundsException
                | NegativeArraySizeException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] bytes, int length) {
        Mac mac = macs.get();
        mac.update(bytes, 0, length);
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
