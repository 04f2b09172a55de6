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

package dev.kvsflink.connector.kinesisvideo.model;

import org.apache.flink.annotation.PublicEvolving;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One fragment of a Kinesis Video stream, as listed by {@code ListFragments}: the record the source
 * emits.
 *
 * <p>Immutable. Flink analyses it as a POJO (Java records are POJOs since Flink 1.19), so it is
 * serialized without Kryo. Fragment numbers are decimal strings of up to 128 digits that grow with
 * ingestion order: compare them with {@link #FRAGMENT_NUMBER_ORDER}, never as strings.
 *
 * @param streamName the stream's name (derived from the ARN when the stream was given by ARN)
 * @param streamArn the stream's ARN when the stream was given by ARN, otherwise {@code null}
 * @param fragmentNumber the fragment's number, a decimal string
 * @param fragmentSizeInBytes the fragment's size, including its metadata
 * @param producerTimestamp the fragment's start on the producer's clock
 * @param serverTimestamp the fragment's start on the service's clock
 * @param fragmentLengthInMilliseconds the fragment's playback duration
 */
@PublicEvolving
public record KinesisVideoFragment(
        String streamName,
        @Nullable String streamArn,
        String fragmentNumber,
        long fragmentSizeInBytes,
        Instant producerTimestamp,
        Instant serverTimestamp,
        long fragmentLengthInMilliseconds)
        implements Serializable {

    /** Numeric order of fragment numbers: shorter is smaller, then digit by digit. */
    public static final Comparator<String> FRAGMENT_NUMBER_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    public KinesisVideoFragment {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(fragmentNumber, "fragmentNumber");
        Objects.requireNonNull(producerTimestamp, "producerTimestamp");
        Objects.requireNonNull(serverTimestamp, "serverTimestamp");
        if (!isFragmentNumber(fragmentNumber)) {
            throw new IllegalArgumentException(
                    "FragmentNumber must be a decimal number without leading zeros, was '"
                            + fragmentNumber
                            + "'");
        }
        if (fragmentSizeInBytes < 0) {
            throw new IllegalArgumentException(
                    "FragmentSizeInBytes must be >= 0, was " + fragmentSizeInBytes);
        }
        if (fragmentLengthInMilliseconds < 0) {
            throw new IllegalArgumentException(
                    "FragmentLengthInMilliseconds must be >= 0, was "
                            + fragmentLengthInMilliseconds);
        }
    }

    /** The fragment number as a number. */
    public BigInteger fragmentNumberValue() {
        return new BigInteger(fragmentNumber);
    }

    /** The timestamp that {@code selector} picks. */
    public Instant timestamp(FragmentSelectorType selector) {
        return selector.timestampOf(this);
    }

    /** Whether {@code s} is a decimal number without sign or leading zeros (or exactly "0"). */
    public static boolean isFragmentNumber(String s) {
        if (s.isEmpty() || s.length() > 128 || (s.length() > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
