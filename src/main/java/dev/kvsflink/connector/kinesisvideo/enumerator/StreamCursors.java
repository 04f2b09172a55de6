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

import dev.kvsflink.connector.kinesisvideo.event.WindowCompletedEvent;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Every stream's {@link StreamCursor}, in configured order, and what the enumerator plans from
 * them: each stream's next window, cut by the {@link TimeWindowPlanner} at the settled time ("now
 * minus the settle lag"), and its length, adapted to the density of each completed window.
 *
 * <p>Used on the coordinator thread only.
 */
@Internal
final class StreamCursors {

    private static final Logger LOG = LoggerFactory.getLogger(StreamCursors.class);

    /** Per stream id, in configured order. */
    private final Map<String, StreamCursor> cursors = new LinkedHashMap<>();

    private final TimeWindowPlanner planner;
    private final FragmentSelectorType selector;
    private final long settleLagMillis;
    private final Clock clock;

    StreamCursors(
            List<StreamCursor> initial,
            TimeWindowPlanner planner,
            FragmentSelectorType selector,
            long settleLagMillis,
            Clock clock) {
        this.planner = checkNotNull(planner, "planner must not be null");
        this.selector = checkNotNull(selector, "selector must not be null");
        this.settleLagMillis = settleLagMillis;
        this.clock = checkNotNull(clock, "clock must not be null");
        initial.forEach(c -> cursors.put(c.stream().id(), c));
    }

    /** The cursors, in configured order. */
    Collection<StreamCursor> all() {
        return cursors.values();
    }

    /** The cursors as a checkpoint stores them. */
    List<StreamCursor> snapshot() {
        return new ArrayList<>(cursors.values());
    }

    /** The next window of {@code cursor}'s stream, or null when none can be planned now. */
    @Nullable
    FragmentWindowSplit nextWindow(StreamCursor cursor) {
        return planner.nextWindow(cursor, selector, horizonMillis());
    }

    /** Moves the cursor of {@code window}'s stream past {@code window}, which was just assigned. */
    void advancePast(FragmentWindowSplit window) {
        String id = window.stream().id();
        cursors.put(id, cursors.get(id).advancedTo(window.endMillis()));
    }

    /** Sizes the stream's next windows by the density of a window that completed. */
    void adaptTo(WindowCompletedEvent event) {
        StreamCursor cursor = cursors.get(event.streamId());
        if (cursor == null || cursor.isExhausted()) {
            return;
        }
        long length = planner.adaptedLength(event.lengthMillis(), event.fragmentCount());
        LOG.debug(
                "Window {} held {} fragments; next windows of {} are {} ms long",
                event.splitId(),
                event.fragmentCount(),
                event.streamId(),
                length);
        cursors.put(event.streamId(), cursor.withWindowLength(length));
    }

    /** The earliest start of any window not planned yet; MAX_VALUE when every stream is done. */
    long earliestNextStartMillis() {
        long earliest = Long.MAX_VALUE;
        for (StreamCursor cursor : cursors.values()) {
            if (!cursor.isExhausted()) {
                earliest = Math.min(earliest, cursor.nextStartMillis());
            }
        }
        return earliest;
    }

    boolean allExhausted() {
        return cursors.values().stream().allMatch(StreamCursor::isExhausted);
    }

    /** Whether {@code split} reaches past the settled time, so its reader holds it long. */
    boolean isTail(FragmentWindowSplit split) {
        return split.endMillis() > horizonMillis();
    }

    int size() {
        return cursors.size();
    }

    /** The time up to which fragments are surely listable now; see {@link TimeWindowPlanner}. */
    private long horizonMillis() {
        return clock.millis() - settleLagMillis;
    }
}
