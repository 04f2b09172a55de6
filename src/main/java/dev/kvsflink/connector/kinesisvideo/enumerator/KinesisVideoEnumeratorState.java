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
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The enumerator's checkpoint: one {@link StreamCursor} per stream and the full splits that are not
 * assigned to any reader (planned and handed back, or added back after a reader failed).
 *
 * <p>Small whatever the range: windows not yet planned are not stored, and full pending splits are
 * kept rather than ids to re-plan from (the lesson of Kafka's FLINK-38453). Splits assigned to
 * readers live in the readers' checkpoints. Immutable.
 *
 * <p>A source starts from {@link #initial} and continues a checkpoint with {@link #continuedBy},
 * which merges it with the source's configuration.
 */
@Internal
public final class KinesisVideoEnumeratorState {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisVideoEnumeratorState.class);

    private final List<StreamCursor> cursors;
    private final List<FragmentWindowSplit> pendingSplits;

    public KinesisVideoEnumeratorState(
            List<StreamCursor> cursors, List<FragmentWindowSplit> pendingSplits) {
        this.cursors = List.copyOf(cursors);
        this.pendingSplits = List.copyOf(pendingSplits);
    }

    /**
     * The state of a source that starts: a cursor per stream at {@code startMillis}, planning up to
     * {@code endMillis} ({@code Long.MAX_VALUE}: no end), nothing pending.
     */
    public static KinesisVideoEnumeratorState initial(
            List<StreamRef> streams, long startMillis, long initialWindowMillis, long endMillis) {
        List<StreamCursor> cursors = new ArrayList<>();
        for (StreamRef stream : streams) {
            cursors.add(StreamCursor.of(stream, startMillis, initialWindowMillis, endMillis));
        }
        return new KinesisVideoEnumeratorState(cursors, List.of());
    }

    /**
     * This checkpoint as a source configured with {@code streams} and the range {@code
     * [startMillis, endMillis)} continues it: each configured stream's cursor planning up to {@code
     * endMillis}, and a fresh cursor for every configured stream the checkpoint does not know.
     * Streams in the checkpoint are read to its end, even if they were removed from the
     * configuration: the checkpoint is the truth about what was promised.
     *
     * @throws IllegalStateException if {@code endMillis} is before a configured stream's end in the
     *     checkpoint (see {@link #withEnd})
     */
    public KinesisVideoEnumeratorState continuedBy(
            List<StreamRef> streams, long startMillis, long initialWindowMillis, long endMillis) {
        Set<StreamRef> configured = new HashSet<>(streams);
        Set<StreamRef> known = new HashSet<>();
        List<StreamCursor> merged = new ArrayList<>();
        for (StreamCursor cursor : cursors) {
            known.add(cursor.stream());
            merged.add(configured.contains(cursor.stream()) ? withEnd(cursor, endMillis) : cursor);
        }
        for (StreamRef stream : streams) {
            if (!known.contains(stream)) {
                LOG.info(
                        "Stream {} is not in the checkpoint; reading its range from the start",
                        stream);
                merged.add(StreamCursor.of(stream, startMillis, initialWindowMillis, endMillis));
            }
        }
        return new KinesisVideoEnumeratorState(merged, pendingSplits);
    }

    /**
     * A restored cursor that plans up to {@code endMillis}. A later end extends the range: the
     * windows of the checkpoint end at its end at the latest (the planner cuts them there), so
     * planning on from the cursor reads {@code [old end, new end)} exactly once. An earlier end
     * cannot be honoured: windows up to the old end may already be pending or held by readers,
     * which read them whole.
     */
    private static StreamCursor withEnd(StreamCursor cursor, long endMillis) {
        if (endMillis == cursor.endMillis()) {
            return cursor;
        }
        if (endMillis > cursor.endMillis()) {
            LOG.info(
                    "Range of {} extended on restore from {} to {}",
                    cursor.stream(),
                    Instant.ofEpochMilli(cursor.endMillis()),
                    endMillis == Long.MAX_VALUE ? "no end" : Instant.ofEpochMilli(endMillis));
            return cursor.withEndMillis(endMillis);
        }
        throw new IllegalStateException(
                "The checkpoint reads "
                        + cursor.stream()
                        + " up to "
                        + (cursor.endMillis() == Long.MAX_VALUE
                                ? "no end (a tailing source)"
                                : Instant.ofEpochMilli(cursor.endMillis()).toString())
                        + ", after this source's range end "
                        + Instant.ofEpochMilli(endMillis)
                        + ": a restored source can extend its range but not cut it, since windows"
                        + " up to the old end may already be held by readers. Restore with an"
                        + " end at or after the old one, or start without the checkpoint.");
    }

    /** One cursor per stream, in the order the streams were configured. */
    public List<StreamCursor> cursors() {
        return cursors;
    }

    /** Splits planned but not assigned, in no particular order. */
    public List<FragmentWindowSplit> pendingSplits() {
        return pendingSplits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KinesisVideoEnumeratorState
                && cursors.equals(((KinesisVideoEnumeratorState) o).cursors)
                && pendingSplits.equals(((KinesisVideoEnumeratorState) o).pendingSplits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cursors, pendingSplits);
    }

    @Override
    public String toString() {
        return "KinesisVideoEnumeratorState{cursors="
                + cursors
                + ", pendingSplits="
                + pendingSplits
                + '}';
    }
}
