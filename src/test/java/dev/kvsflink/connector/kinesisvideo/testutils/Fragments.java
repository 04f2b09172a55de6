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

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.math.BigInteger;
import java.time.Instant;

/** Builds {@link KinesisVideoFragment}s for tests. */
public final class Fragments {

    /** A 47-digit fragment number like the ones the service hands out. */
    public static final BigInteger BASE_NUMBER =
            new BigInteger("91343852333181432392682062607743920146264772710");

    private Fragments() {}

    /** A fragment of {@code stream} with the same producer and server timestamp. */
    public static KinesisVideoFragment fragment(
            String stream, String number, long timestampMillis) {
        return fragment(stream, number, timestampMillis, timestampMillis);
    }

    /** A fragment of {@code stream} with these producer and server timestamps (epoch ms). */
    public static KinesisVideoFragment fragment(
            String stream, String number, long producerMillis, long serverMillis) {
        return new KinesisVideoFragment(
                stream,
                null,
                number,
                1000,
                Instant.ofEpochMilli(producerMillis),
                Instant.ofEpochMilli(serverMillis),
                2000);
    }

    /** The {@code i}-th 47-digit fragment number. */
    public static String number(long i) {
        return BASE_NUMBER.add(BigInteger.valueOf(i)).toString();
    }
}
