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
 * Fragment numbers computed from an index: {@code base + index * 10^18 + noise(index)} with {@code
 * 0 <= noise < 10^18}, so they grow strictly with the index and do not look evenly spaced.
 *
 * <p>Real numbers are about 47 digits. A sequence can be placed so that its numbers have 46 digits
 * before a given index and 47 from it on: the case where comparing numbers as strings goes wrong.
 *
 * <p>The arithmetic runs on three base-10^18 limbs held in {@code long}s rather than on {@link
 * BigInteger}: a page of 1000 fragments computes 1000 numbers, and this is its hot spot.
 */
public final class FragmentNumberSequence {

    private static final long LIMB = 1_000_000_000_000_000_000L; // 10^18
    private static final BigInteger BIG_LIMB = BigInteger.valueOf(LIMB);

    /** A 47-digit number in the style of the service's, used when no digit change is wanted. */
    static final BigInteger FORTY_SEVEN_DIGIT_BASE =
            new BigInteger("91343852333181432392682062607743920146264772717");

    private static final BigInteger FIRST_47_DIGIT_NUMBER = BigInteger.TEN.pow(46);

    private final long seed;
    private final long high;
    private final long middle;
    private final long low;

    private FragmentNumberSequence(long seed, BigInteger base) {
        this.seed = seed;
        BigInteger[] upperAndLow = base.divideAndRemainder(BIG_LIMB);
        BigInteger[] highAndMiddle = upperAndLow[0].divideAndRemainder(BIG_LIMB);
        this.high = highAndMiddle[0].longValueExact();
        this.middle = highAndMiddle[1].longValueExact();
        this.low = upperAndLow[1].longValueExact();
    }

    /** 47-digit numbers throughout. */
    public static FragmentNumberSequence fortySevenDigits(long seed) {
        return new FragmentNumberSequence(seed, FORTY_SEVEN_DIGIT_BASE);
    }

    /**
     * 46-digit numbers for indices below {@code firstIndexWith47Digits}, 47 digits from it on.
     *
     * @param firstIndexWith47Digits at least 1 and at most 10^15
     */
    public static FragmentNumberSequence digitChangeAt(long seed, long firstIndexWith47Digits) {
        if (firstIndexWith47Digits < 1 || firstIndexWith47Digits > 1_000_000_000_000_000L) {
            throw new IllegalArgumentException(
                    "the digit change must be at index 1..10^15, was " + firstIndexWith47Digits);
        }
        // base + k * 10^18 + noise < 10^46 for k < change, and >= 10^46 for k >= change.
        BigInteger base =
                FIRST_47_DIGIT_NUMBER.subtract(
                        BIG_LIMB.multiply(BigInteger.valueOf(firstIndexWith47Digits)));
        return new FragmentNumberSequence(seed, base);
    }

    /** The number of the fragment at {@code index} (0 <= index < 10^15). */
    public String numberAt(long index) {
        long noise = Math.floorMod(Mix.hash(seed, index, 0x5EED), LIMB);
        long l = low + noise; // < 2 * 10^18: no overflow
        long m = middle + index + l / LIMB;
        l %= LIMB;
        long h = high + m / LIMB;
        m %= LIMB;
        StringBuilder text = new StringBuilder(48);
        if (h > 0) {
            text.append(h);
            pad(text, m);
            pad(text, l);
        } else if (m > 0) {
            text.append(m);
            pad(text, l);
        } else {
            text.append(l);
        }
        return text.toString();
    }

    /** Appends {@code limb} as exactly 18 digits. */
    private static void pad(StringBuilder text, long limb) {
        String digits = Long.toString(limb);
        for (int i = digits.length(); i < 18; i++) {
            text.append('0');
        }
        text.append(digits);
    }
}
