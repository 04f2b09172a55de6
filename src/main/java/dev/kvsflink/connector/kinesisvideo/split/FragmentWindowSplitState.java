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
 * emitted fragment, advanced by the record emitter after each emit.
 *
 * <p>Not thread-safe: used only by the reader's task (mailbox) thread.
 */
@Internal
public final class FragmentWindowSplitState {

    private final FragmentWindowSplit split;
    @Nullable private FragmentPosition lastEmitted;
    private boolean emitting;

    public FragmentWindowSplitState(FragmentWindowSplit split) {
        this.split = checkNotNull(split, "split must not be null");
        this.lastEmitted = split.resumeAfter();
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
     * Whether this reader has emitted from the split since it got it: from then on the split's own
     * output holds the watermark back, before that the reader's watermark floor must.
     */
    public boolean isEmitting() {
        return emitting;
    }

    /** The earliest selected timestamp the split can still emit. */
    public long earliestPendingMillis() {
        return lastEmitted == null
                ? split.startMillis()
                : Math.max(split.startMillis(), lastEmitted.timestampMillis());
    }

    /** The immutable split with the current progress, for a checkpoint. */
    public FragmentWindowSplit toSplit() {
        return split.withResumeAfter(lastEmitted);
    }

    @Override
    public String toString() {
        return "FragmentWindowSplitState{" + split.splitId() + ", lastEmitted=" + lastEmitted + '}';
    }
}
