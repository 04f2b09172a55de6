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

package dev.kvsflink.connector.kinesisvideo.enumerator;

import org.apache.flink.annotation.Internal;

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * How far the enumerator has planned one stream: the next window starts at {@link
 * #nextStartMillis()} and is about {@link #windowLengthMillis()} long; planning stops at {@link
 * #endMillis()} (exclusive; {@link Long#MAX_VALUE} for a range without end).
 *
 * <p>This is all the enumerator keeps per stream, whatever the length of the range: windows are
 * planned on demand, one at a time. Immutable value class.
 */
@Internal
public final class StreamCursor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StreamRef stream;
    private final long nextStartMillis;
    private final long windowLengthMillis;
    private final long endMillis;

    private StreamCursor(
            StreamRef stream, long nextStartMillis, long windowLengthMillis, long endMillis) {
        this.stream = checkNotNull(stream, "stream must not be null");
        checkArgument(
                windowLengthMillis > 0,
                "windowLengthMillis must be > 0, was %s",
                windowLengthMillis);
        this.nextStartMillis = nextStartMillis;
        this.windowLengthMillis = windowLengthMillis;
        this.endMillis = endMillis;
    }

    /** A cursor at {@code nextStartMillis}. */
    public static StreamCursor of(
            StreamRef stream, long nextStartMillis, long windowLengthMillis, long endMillis) {
        return new StreamCursor(stream, nextStartMillis, windowLengthMillis, endMillis);
    }

    public StreamRef stream() {
        return stream;
    }

    /** Where the next window starts, epoch ms. */
    public long nextStartMillis() {
        return nextStartMillis;
    }

    /** The length the next window should have, before truncation at the range end. */
    public long windowLengthMillis() {
        return windowLengthMillis;
    }

    /** The range's exclusive end, epoch ms. */
    public long endMillis() {
        return endMillis;
    }

    /** Whether every window of the range has been planned. */
    public boolean isExhausted() {
        return nextStartMillis >= endMillis;
    }

    /** This cursor after planning a window that ends at {@code windowEndMillis}. */
    public StreamCursor advancedTo(long windowEndMillis) {
        checkArgument(
                windowEndMillis > nextStartMillis,
                "Cursor of %s cannot move back from %s to %s",
                stream,
                nextStartMillis,
                windowEndMillis);
        return new StreamCursor(stream, windowEndMillis, windowLengthMillis, endMillis);
    }

    /** This cursor with another length for the next windows. */
    public StreamCursor withWindowLength(long lengthMillis) {
        return new StreamCursor(stream, nextStartMillis, lengthMillis, endMillis);
    }

    /**
     * This cursor planning up to another end: a restored source extends its range with it. Windows
     * already planned keep their ends.
     */
    public StreamCursor withEndMillis(long endMillis) {
        return new StreamCursor(stream, nextStartMillis, windowLengthMillis, endMillis);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StreamCursor)) {
            return false;
        }
        StreamCursor that = (StreamCursor) o;
        return nextStartMillis == that.nextStartMillis
                && windowLengthMillis == that.windowLengthMillis
                && endMillis == that.endMillis
                && stream.equals(that.stream);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, nextStartMillis, windowLengthMillis, endMillis);
    }

    @Override
    public String toString() {
        return "StreamCursor{"
                + stream
                + ", next="
                + Instant.ofEpochMilli(nextStartMillis)
                + ", length="
                + windowLengthMillis
                + " ms, end="
                + (endMillis == Long.MAX_VALUE ? "none" : Instant.ofEpochMilli(endMillis))
                + '}';
    }
}
