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

package dev.kvsflink.connector.kinesisvideo.emulator.store;

import java.math.BigInteger;

/**
 * Fragment numbers computed from an index: {@code base + index * STEP + noise(index)} with {@code 0
 * <= noise < STEP}, so they grow strictly with the index and do not look evenly spaced.
 *
 * <p>Real numbers are about 47 digits. A sequence can be placed so that its numbers have 46 digits
 * before a given index and 47 from it on: the case where comparing numbers as strings goes wrong.
 */
public final class FragmentNumberSequence {

    /** The distance between consecutive numbers, before noise: 10^24. */
    static final BigInteger STEP = BigInteger.TEN.pow(24);

    /** A 47-digit number in the style of the service's, used when no digit change is wanted. */
    static final BigInteger FORTY_SEVEN_DIGIT_BASE =
            new BigInteger("91343852333181432392682062607743920146264772717");

    private static final BigInteger FIRST_47_DIGIT_NUMBER = BigInteger.TEN.pow(46);

    private final long seed;
    private final BigInteger base;

    private FragmentNumberSequence(long seed, BigInteger base) {
        this.seed = seed;
        this.base = base;
    }

    /** 47-digit numbers throughout. */
    public static FragmentNumberSequence fortySevenDigits(long seed) {
        return new FragmentNumberSequence(seed, FORTY_SEVEN_DIGIT_BASE);
    }

    /**
     * 46-digit numbers for indices below {@code firstIndexWith47Digits}, 47 digits from it on.
     *
     * @param firstIndexWith47Digits at least 1 and at most 10^12
     */
    public static FragmentNumberSequence digitChangeAt(long seed, long firstIndexWith47Digits) {
        if (firstIndexWith47Digits < 1 || firstIndexWith47Digits > 1_000_000_000_000L) {
            throw new IllegalArgumentException(
                    "the digit change must be at index 1..10^12, was " + firstIndexWith47Digits);
        }
        // base + k * STEP + noise < 10^46 for k < change, and >= 10^46 for k >= change.
        BigInteger base = FIRST_47_DIGIT_NUMBER.subtract(STEP.multiply(bi(firstIndexWith47Digits)));
        return new FragmentNumberSequence(seed, base);
    }

    /** The number of the fragment at {@code index}. */
    public String numberAt(long index) {
        long noise = Mix.hash(seed, index, 0x5EED) >>> 1; // < 2^63 < STEP
        return base.add(STEP.multiply(bi(index))).add(bi(noise)).toString();
    }

    private static BigInteger bi(long value) {
        return BigInteger.valueOf(value);
    }
}
