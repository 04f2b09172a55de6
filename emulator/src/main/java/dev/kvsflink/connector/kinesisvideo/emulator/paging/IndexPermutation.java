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

import dev.kvsflink.connector.kinesisvideo.emulator.store.Mix;

/**
 * A pseudo-random bijection of {@code [0, size)} chosen by a seed, computed one position at a time:
 * what lets the emulator hand out a range of a million fragments in a shuffled order without ever
 * materializing the range.
 *
 * <p>A four-round Feistel network over the smallest even number of bits that covers {@code size} is
 * a bijection of that power of two whatever its round function; "cycle walking" (applying it again
 * while the result is out of range) restricts it to a bijection of {@code [0, size)}. The power of
 * two is below {@code 4 * size}, so a position costs about four rounds of hashing.
 */
public final class IndexPermutation {

    private static final int ROUNDS = 4;

    private final long size;
    private final long seed;
    private final int halfBits;
    private final long halfMask;

    /** A permutation of {@code [0, size)} chosen by {@code seed}; size >= 0. */
    public IndexPermutation(long size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        this.size = size;
        this.seed = seed;
        int bits = size <= 1 ? 2 : 64 - Long.numberOfLeadingZeros(size - 1);
        this.halfBits = Math.max(1, (bits + 1) / 2);
        this.halfMask = (1L << halfBits) - 1;
    }

    /** The size of the permuted range. */
    public long size() {
        return size;
    }

    /** The element at {@code position} of the permuted order; 0 <= position < size. */
    public long apply(long position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException("position " + position + " of " + size);
        }
        long x = position;
        do {
            x = encrypt(x);
        } while (x >= size);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            long mixed = left ^ (Mix.hash(seed, right, round) & halfMask);
            left = right;
            right = mixed;
        }
        return (left << halfBits) | right;
    }
}
