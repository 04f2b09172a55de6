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
import org.apache.flink.api.connector.source.SourceSplit;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * One time window of one stream: the fragments whose selected timestamp lies in {@code [start,
 * end)}, half-open, in milliseconds. A reader lists the whole window, then emits its fragments in
 * {@link FragmentPosition} order, so the split's progress is one position: the last fragment
 * emitted ({@link #resumeAfter()}, {@code null} before the first).
 *
 * <p>A window that reaches past what the service can list for sure yet (the tail of a stream, or
 * the end of a range close to now) is listed repeatedly: each listing <em>settles</em> the window
 * up to a time before which every fragment is known to be listable, and emits what it settled.
 * {@link #settledUntilMillis()} is where the next listing continues (the window's start until the
 * first one). A window ending at {@link Long#MAX_VALUE} is the open-ended tail of a stream.
 *
 * <p>{@link #watermarkFloorMillis()} is stamped by the enumerator when it assigns the split: no
 * window assigned later to any reader starts before it (see {@code KinesisVideoSourceReader}).
 *
 * <p>Immutable. Pagination tokens are deliberately not part of a split: a restored split lists its
 * window again and skips up to {@code resumeAfter}, so an expired token never matters.
 */
@Internal
public final class FragmentWindowSplit implements SourceSplit, Serializable {
    private static final long serialVersionUID = 1L;

    /** The floor of a split that was not stamped (yet): holds the watermark back fully. */
    public static final long NO_WATERMARK_FLOOR = Long.MIN_VALUE;

    private final StreamRef stream;
    private final FragmentSelectorType selector;
    private final long startMillis;
    private final long endMillis;
    @Nullable private final FragmentPosition resumeAfter;
    private final long settledUntilMillis;
    private final long watermarkFloorMillis;

    private FragmentWindowSplit(
            StreamRef stream,
            FragmentSelectorType selector,
            long startMillis,
            long endMillis,
            @Nullable FragmentPosition resumeAfter,
            long settledUntilMillis,
            long watermarkFloorMillis) {
        this.stream = checkNotNull(stream, "stream must not be null");
        this.selector = checkNotNull(selector, "selector must not be null");
        checkArgument(
                startMillis < endMillis,
                "A window must not be empty: start %s ms must be before end %s ms",
                startMillis,
                endMillis);
        checkArgument(
                resumeAfter == null || resumeAfter.timestampMillis() < endMillis,
                "resumeAfter %s lies after the window's end %s ms",
                resumeAfter,
                endMillis);
        checkArgument(
                settledUntilMillis >= startMillis && settledUntilMillis <= endMillis,
                "settledUntil %s ms lies outside the window [%s, %s) ms",
                settledUntilMillis,
                startMillis,
                endMillis);
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.resumeAfter = resumeAfter;
        this.settledUntilMillis = settledUntilMillis;
        this.watermarkFloorMillis = watermarkFloorMillis;
    }

    /** A fresh window {@code [startMillis, endMillis)} of {@code stream}, not yet stamped. */
    public static FragmentWindowSplit of(
            StreamRef stream, FragmentSelectorType selector, long startMillis, long endMillis) {
        return new FragmentWindowSplit(
                stream, selector, startMillis, endMillis, null, startMillis, NO_WATERMARK_FLOOR);
    }

    /** This split, resuming after {@code position}. */
    public FragmentWindowSplit withResumeAfter(@Nullable FragmentPosition position) {
        return withProgress(position, settledUntilMillis, watermarkFloorMillis);
    }

    /** This split, settled up to {@code untilMillis}; see the class comment. */
    public FragmentWindowSplit withSettledUntil(long untilMillis) {
        return withProgress(resumeAfter, untilMillis, watermarkFloorMillis);
    }

    /** This split, stamped with a new watermark floor. */
    public FragmentWindowSplit withWatermarkFloor(long floorMillis) {
        return withProgress(resumeAfter, settledUntilMillis, floorMillis);
    }

    /** The same window with other progress. */
    private FragmentWindowSplit withProgress(
            @Nullable FragmentPosition position, long untilMillis, long floorMillis) {
        return new FragmentWindowSplit(
                stream, selector, startMillis, endMillis, position, untilMillis, floorMillis);
    }

    /** Stable and unique per stream, selector and window; independent of the progress. */
    @Override
    public String splitId() {
        return splitId(stream, selector, startMillis, endMillis);
    }

    /** The id of the split for this window, as {@link #splitId()} builds it. */
    public static String splitId(
            StreamRef stream, FragmentSelectorType selector, long startMillis, long endMillis) {
        return stream.id() + '|' + selector.name() + '|' + startMillis + '-' + endMillis;
    }

    public StreamRef stream() {
        return stream;
    }

    public FragmentSelectorType selector() {
        return selector;
    }

    /** The window's inclusive start, epoch ms. */
    public long startMillis() {
        return startMillis;
    }

    /** The window's exclusive end, epoch ms; {@link Long#MAX_VALUE} for a stream's open tail. */
    public long endMillis() {
        return endMillis;
    }

    /** Whether the window has no end: the tail of a stream, followed forever. */
    public boolean isOpenEnded() {
        return endMillis == Long.MAX_VALUE;
    }

    /**
     * Every fragment before this time (epoch ms, exclusive) has been emitted, or was found too late
     * to be; the window's start until its first listing settled.
     */
    public long settledUntilMillis() {
        return settledUntilMillis;
    }

    /** The window's length in ms. */
    public long lengthMillis() {
        return endMillis - startMillis;
    }

    /** Whether a fragment with this selected timestamp belongs to the window. */
    public boolean contains(Instant timestamp) {
        long millis = timestamp.toEpochMilli();
        return millis >= startMillis && millis < endMillis;
    }

    /** The last fragment emitted from this window, or {@code null} before the first. */
    @Nullable
    public FragmentPosition resumeAfter() {
        return resumeAfter;
    }

    /** No window assigned after this split, to any reader, starts before this time (epoch ms). */
    public long watermarkFloorMillis() {
        return watermarkFloorMillis;
    }

    /** The earliest selected timestamp this split can still emit. */
    public long earliestPendingMillis() {
        return resumeAfter == null
                ? settledUntilMillis
                : Math.max(settledUntilMillis, resumeAfter.timestampMillis());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FragmentWindowSplit)) {
            return false;
        }
        FragmentWindowSplit that = (FragmentWindowSplit) o;
        return startMillis == that.startMillis
                && endMillis == that.endMillis
                && settledUntilMillis == that.settledUntilMillis
                && watermarkFloorMillis == that.watermarkFloorMillis
                && stream.equals(that.stream)
                && selector == that.selector
                && Objects.equals(resumeAfter, that.resumeAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                stream,
                selector,
                startMillis,
                endMillis,
                resumeAfter,
                settledUntilMillis,
                watermarkFloorMillis);
    }

    @Override
    public String toString() {
        return "FragmentWindowSplit{"
                + splitId()
                + ", window=["
                + Instant.ofEpochMilli(startMillis)
                + ", "
                + (isOpenEnded() ? "open" : Instant.ofEpochMilli(endMillis))
                + "), settledUntil="
                + Instant.ofEpochMilli(settledUntilMillis)
                + ", resumeAfter="
                + resumeAfter
                + ", watermarkFloor="
                + watermarkFloorMillis
                + '}';
    }
}
