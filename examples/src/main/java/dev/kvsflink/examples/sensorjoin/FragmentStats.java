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

package dev.kvsflink.examples.sensorjoin;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Instant;

/**
 * The readings that fall inside one fragment, {@code [start, start + length)} on the selected
 * timestamp: how many, their sum, minimum and maximum (in tenths of a degree Celsius), and so their
 * mean. Both the partial result of one joined reading and the final result per fragment.
 *
 * @param stream the fragment's stream
 * @param fragmentNumber the fragment's number
 * @param startMillis the fragment's selected timestamp, epoch milliseconds
 * @param lengthMillis the fragment's {@code FragmentLengthInMilliseconds}
 * @param count how many readings fall inside the fragment
 * @param sum their sum
 * @param min the lowest, {@code null} without readings
 * @param max the highest, {@code null} without readings
 */
public record FragmentStats(
        String stream,
        String fragmentNumber,
        long startMillis,
        long lengthMillis,
        long count,
        long sum,
        @Nullable Long min,
        @Nullable Long max)
        implements Serializable {

    /** CSV header matching {@link #toCsv()}. */
    public static final String CSV_HEADER =
            "stream,fragment_number,start,length_ms,readings,min_deci_celsius,"
                    + "max_deci_celsius,mean_deci_celsius";

    /** A fragment without readings (yet). */
    public static FragmentStats of(KinesisVideoFragment fragment, FragmentSelectorType selector) {
        return new FragmentStats(
                fragment.streamName(),
                fragment.fragmentNumber(),
                fragment.timestamp(selector).toEpochMilli(),
                fragment.fragmentLengthInMilliseconds(),
                0,
                0,
                null,
                null);
    }

    /** Whether a reading taken at {@code timestampMillis} falls inside the fragment. */
    public boolean covers(long timestampMillis) {
        return timestampMillis >= startMillis && timestampMillis < startMillis + lengthMillis;
    }

    /** These statistics with one more reading. */
    public FragmentStats plus(long value) {
        return new FragmentStats(
                stream,
                fragmentNumber,
                startMillis,
                lengthMillis,
                count + 1,
                sum + value,
                min == null ? value : Math.min(min, value),
                max == null ? value : Math.max(max, value));
    }

    /** The statistics of both (of the same fragment). */
    public FragmentStats merge(FragmentStats other) {
        return new FragmentStats(
                stream,
                fragmentNumber,
                startMillis,
                lengthMillis,
                count + other.count,
                sum + other.sum,
                min == null ? other.min : other.min == null ? min : Math.min(min, other.min),
                max == null ? other.max : other.max == null ? max : Math.max(max, other.max));
    }

    /** The mean reading, {@code null} without readings. */
    @Nullable
    public Double mean() {
        return count == 0 ? null : (double) sum / count;
    }

    /** One CSV line; the statistics are empty for a fragment without readings. */
    public String toCsv() {
        return String.join(
                ",",
                stream,
                fragmentNumber,
                Instant.ofEpochMilli(startMillis).toString(),
                Long.toString(lengthMillis),
                Long.toString(count),
                min == null ? "" : min.toString(),
                max == null ? "" : max.toString(),
                count == 0 ? "" : String.format(java.util.Locale.ROOT, "%.2f", mean()));
    }
}
