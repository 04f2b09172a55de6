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

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;

/**
 * One fragment held by the emulator, with exactly the fields {@code ListFragments} returns for it.
 *
 * <p>Immutable. Timestamps are truncated to milliseconds, the precision of the wire, so that a
 * fragment read back through the SDK equals the one written. Fragment numbers are decimal strings
 * without leading zeros; compare them with {@link #FRAGMENT_NUMBER_ORDER}, never as strings.
 *
 * @param fragmentNumber the fragment's number, a decimal string that grows with ingestion order
 * @param fragmentSizeInBytes the fragment's size, including its metadata
 * @param producerTimestamp the fragment's start on the producer's clock
 * @param serverTimestamp the fragment's start on the service's clock
 * @param fragmentLengthInMilliseconds the fragment's playback duration
 */
public record EmulatedFragment(
        String fragmentNumber,
        long fragmentSizeInBytes,
        Instant producerTimestamp,
        Instant serverTimestamp,
        long fragmentLengthInMilliseconds) {

    /** Numeric order of fragment numbers: shorter is smaller, then digit by digit. */
    public static final Comparator<String> FRAGMENT_NUMBER_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    /** Ingestion order: by fragment number, numerically. */
    public static final Comparator<EmulatedFragment> INGESTION_ORDER =
            Comparator.comparing(EmulatedFragment::fragmentNumber, FRAGMENT_NUMBER_ORDER);

    public EmulatedFragment {
        Objects.requireNonNull(fragmentNumber, "fragmentNumber");
        Objects.requireNonNull(producerTimestamp, "producerTimestamp");
        Objects.requireNonNull(serverTimestamp, "serverTimestamp");
        if (!isFragmentNumber(fragmentNumber)) {
            throw new IllegalArgumentException(
                    "fragmentNumber must be 1-128 decimal digits without leading zeros, was '"
                            + fragmentNumber
                            + "'");
        }
        if (fragmentSizeInBytes < 0 || fragmentLengthInMilliseconds < 0) {
            throw new IllegalArgumentException(
                    "fragmentSizeInBytes and fragmentLengthInMilliseconds must be >= 0");
        }
        producerTimestamp = producerTimestamp.truncatedTo(ChronoUnit.MILLIS);
        serverTimestamp = serverTimestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The fragment number as a number. */
    public BigInteger fragmentNumberValue() {
        return new BigInteger(fragmentNumber);
    }

    /** The timestamp that {@code selector} matches and picks. */
    public Instant timestamp(SelectorType selector) {
        return selector == SelectorType.PRODUCER_TIMESTAMP ? producerTimestamp : serverTimestamp;
    }

    /** Whether {@code s} is 1-128 decimal digits without sign or leading zeros (or exactly "0"). */
    public static boolean isFragmentNumber(String s) {
        if (s.isEmpty() || s.length() > 128 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
