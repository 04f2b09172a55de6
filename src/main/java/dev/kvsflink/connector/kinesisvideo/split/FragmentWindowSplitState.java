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

import javax.annotation.Nullable;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The mutable progress of one {@link FragmentWindowSplit} inside a reader: the position of the last
 * emitted fragment, advanced by the record emitter after each emit, and how far the window is
 * settled, advanced after the last fragment of each listing of an open window; and, once the window
 * is complete, how many fragments it held (kept in memory only: a restored window counts them
 * again).
 *
 * <p>Not thread-safe: used only by the reader's task (mailbox) thread.
 */
@Internal
public final class FragmentWindowSplitState {

    private final FragmentWindowSplit split;
    @Nullable private FragmentPosition lastEmitted;
    private long settledUntilMillis;
    private boolean emitting;
    private long windowFragments = -1;

    public FragmentWindowSplitState(FragmentWindowSplit split) {
        this.split = checkNotNull(split, "split must not be null");
        this.lastEmitted = split.resumeAfter();
        this.settledUntilMillis = split.settledUntilMillis();
    }

    /** The split as assigned (its original resume position). */
    public FragmentWindowSplit split() {
        return split;
    }

    /** The position of the last emitted fragment, or {@code null} before the first. */
    @Nullable
    public FragmentPosition lastEmitted() {
        return lastEmitted;
    }

    /**
     * Records that the fragment at {@code position} was emitted. Positions only move forward: the
     * split reader hands fragments over in emission order.
     */
    public void advanceTo(FragmentPosition position) {
        checkNotNull(position, "position must not be null");
        checkArgument(
                lastEmitted == null || position.isAfter(lastEmitted),
                "Split %s moved backwards from %s to %s",
                split.splitId(),
                lastEmitted,
                position);
        lastEmitted = position;
        emitting = true;
    }

    /**
     * Records that every fragment before {@code untilMillis} has been emitted. Only moves forward.
     */
    public void settle(long untilMillis) {
        checkArgument(
                untilMillis >= settledUntilMillis && untilMillis <= split.endMillis(),
                "Split %s cannot settle at %s ms: settled until %s ms, ends at %s ms",
                split.splitId(),
                untilMillis,
                settledUntilMillis,
                split.endMillis());
        settledUntilMillis = untilMillis;
        emitting = true;
    }

    /**
     * Records that every fragment of the window has been emitted, and that the window held {@code
     * windowFragments}.
     */
    public void complete(long windowFragments) {
        checkArgument(
                windowFragments >= 0,
                "Split %s cannot hold %s fragments",
                split.splitId(),
                windowFragments);
        this.windowFragments = windowFragments;
    }

    /** How many fragments the window held, once {@link #complete}; -1 before. */
    public long windowFragments() {
        return windowFragments;
    }

    /** Every fragment before this time (epoch ms) has been emitted. */
    public long settledUntilMillis() {
        return settledUntilMillis;
    }

    /**
     * Whether this reader has emitted from the split since it got it: from then on the split's own
     * output holds the watermark back, before that the reader's watermark floor must.
     */
    public boolean isEmitting() {
        return emitting;
    }

    /** The earliest selected timestamp the split can still emit. */
    public long earliestPendingMillis() {
        return lastEmitted == null
                ? settledUntilMillis
                : Math.max(settledUntilMillis, lastEmitted.timestampMillis());
    }

    /** The immutable split with the current progress, for a checkpoint. */
    public FragmentWindowSplit toSplit() {
        return split.withResumeAfter(lastEmitted).withSettledUntil(settledUntilMillis);
    }

    @Override
    public String toString() {
        return "FragmentWindowSplitState{"
                + split.splitId()
                + ", lastEmitted="
                + lastEmitted
                + ", settledUntil="
                + settledUntilMillis
                + '}';
    }
}
