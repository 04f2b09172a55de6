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

import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Splits that exist but are assigned to no reader: restored from the enumerator's checkpoint
 * (anyone may take them) or added back after a reader failed (kept for that reader, which restarts
 * from the same checkpoint and asks again).
 *
 * <p>At most a few splits per reader, so plain lists are enough. Not thread-safe: used only on the
 * coordinator thread.
 */
@Internal
final class PendingSplits {

    /** The owner of splits that any reader may take. */
    static final int UNOWNED = -1;

    private static final Comparator<FragmentWindowSplit> EARLIEST_FIRST =
            Comparator.comparingLong(FragmentWindowSplit::startMillis)
                    .thenComparing(FragmentWindowSplit::splitId);

    private final List<Entry> entries = new ArrayList<>();

    void add(FragmentWindowSplit split, int owner) {
        entries.add(new Entry(split, owner));
    }

    /** The pending split with the earliest start that {@code subtask} may take, or null. */
    @Nullable
    FragmentWindowSplit earliestFor(int subtask) {
        FragmentWindowSplit best = null;
        for (Entry e : entries) {
            if ((e.owner == subtask || e.owner == UNOWNED)
                    && (best == null || EARLIEST_FIRST.compare(e.split, best) < 0)) {
                best = e.split;
            }
        }
        return best;
    }

    void remove(FragmentWindowSplit split) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            if (it.next().split.splitId().equals(split.splitId())) {
                it.remove();
                return;
            }
        }
        throw new IllegalStateException("Split " + split.splitId() + " is not pending");
    }

    /** The earliest start of all pending splits, {@link Long#MAX_VALUE} when there are none. */
    long earliestStartMillis() {
        long min = Long.MAX_VALUE;
        for (Entry e : entries) {
            min = Math.min(min, e.split.startMillis());
        }
        return min;
    }

    List<FragmentWindowSplit> splits() {
        List<FragmentWindowSplit> splits = new ArrayList<>(entries.size());
        entries.forEach(e -> splits.add(e.split));
        return splits;
    }

    int size() {
        return entries.size();
    }

    private static final class Entry {
        final FragmentWindowSplit split;
        final int owner;

        Entry(FragmentWindowSplit split, int owner) {
            this.split = split;
            this.owner = owner;
        }
    }
}
