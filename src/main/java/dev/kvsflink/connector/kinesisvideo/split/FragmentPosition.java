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

package dev.kvsflink.connector.kinesisvideo.split;

import org.apache.flink.annotation.Internal;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Where a fragment stands in the source's emission order: its selected timestamp (epoch ms), then
 * its fragment number compared numerically. A split remembers the position of the last fragment it
 * emitted; a restored split skips every fragment at or before it.
 *
 * <p>Immutable value class.
 */
@Internal
public final class FragmentPosition implements Comparable<FragmentPosition>, Serializable {
    private static final long serialVersionUID = 1L;

    /** Emission order: selected timestamp, then fragment number numerically. */
    public static final Comparator<FragmentPosition> ORDER =
            Comparator.comparingLong(FragmentPosition::timestampMillis)
                    .thenComparing(
                            FragmentPosition::fragmentNumber,
                            KinesisVideoFragment.FRAGMENT_NUMBER_ORDER);

    private final long timestampMillis;
    private final String fragmentNumber;

    private FragmentPosition(long timestampMillis, String fragmentNumber) {
        checkNotNull(fragmentNumber, "fragmentNumber must not be null");
        checkArgument(
                KinesisVideoFragment.isFragmentNumber(fragmentNumber),
                "fragmentNumber must be a decimal number without leading zeros, was '%s'",
                fragmentNumber);
        this.timestampMillis = timestampMillis;
        this.fragmentNumber = fragmentNumber;
    }

    /** The position of a fragment with this selected timestamp and number. */
    public static FragmentPosition of(long timestampMillis, String fragmentNumber) {
        return new FragmentPosition(timestampMillis, fragmentNumber);
    }

    /** The position of {@code fragment} when ordered by {@code selector}'s timestamp. */
    public static FragmentPosition of(
            KinesisVideoFragment fragment, FragmentSelectorType selector) {
        return new FragmentPosition(
                fragment.timestamp(selector).toEpochMilli(), fragment.fragmentNumber());
    }

    /** The selected timestamp, epoch milliseconds. */
    public long timestampMillis() {
        return timestampMillis;
    }

    /** The fragment number, a decimal string. */
    public String fragmentNumber() {
        return fragmentNumber;
    }

    /** Whether this position comes strictly after {@code other} in emission order. */
    public boolean isAfter(FragmentPosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(FragmentPosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FragmentPosition)) {
            return false;
        }
        FragmentPosition that = (FragmentPosition) o;
        return timestampMillis == that.timestampMillis
                && fragmentNumber.equals(that.fragmentNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestampMillis, fragmentNumber);
    }

    @Override
    public String toString() {
        return timestampMillis + "/" + fragmentNumber;
    }
}
