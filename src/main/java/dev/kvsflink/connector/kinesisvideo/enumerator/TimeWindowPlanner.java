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

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

import javax.annotation.Nullable;

import java.io.Serializable;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Cuts a stream's range into time windows, one at a time, and adapts their length to the observed
 * fragment density. Pure: the same cursor, horizon and observation give the same answer.
 *
 * <p>Density adaptation: after a window of length {@code L} held {@code n} fragments, the next
 * windows are {@code L * target / n} long (so they hold about {@code target} fragments), at most
 * {@code 8 * L} (an empty window also gives {@code 8 * L}), clamped to {@code [min, max]}. The ×8
 * cap keeps one sparse window from jumping into a dense stretch with a huge window.
 */
@Internal
public final class TimeWindowPlanner implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The most a window may grow from one observation to the next. */
    static final int MAX_GROWTH = 8;

    private final long minWindowMillis;
    private final long maxWindowMillis;
    private final int targetFragments;

    public TimeWindowPlanner(long minWindowMillis, long maxWindowMillis, int targetFragments) {
        checkArgument(minWindowMillis > 0, "minWindowMillis must be > 0, was %s", minWindowMillis);
        checkArgument(
                maxWindowMillis >= minWindowMillis,
                "maxWindowMillis %s must be >= minWindowMillis %s",
                maxWindowMillis,
                minWindowMillis);
        checkArgument(targetFragments > 0, "targetFragments must be > 0, was %s", targetFragments);
        this.minWindowMillis = minWindowMillis;
        this.maxWindowMillis = maxWindowMillis;
        this.targetFragments = targetFragments;
    }

    /** A planner with the window sizes of {@code settings}. */
    public static TimeWindowPlanner from(KinesisVideoSourceSettings settings) {
        return new TimeWindowPlanner(
                settings.minWindowMillis(), settings.maxWindowMillis(), settings.targetFragments());
    }

    /**
     * The next window of {@code cursor}'s stream, {@code null} when the range is fully planned.
     *
     * <p>It is {@code [next, next + length)}, unless that would reach the range end or pass {@code
     * horizonMillis}, the time up to which the stream's fragments are surely listable now ("now"
     * minus the consistency lag). Then it is the rest of the range, {@code [next, end)}: the last
     * window, which readers list again until it is settled (for an unbounded range, the stream's
     * open tail). So every other window is complete at its first listing, and the windows planned
     * while time advances never need a timer.
     */
    @Nullable
    public FragmentWindowSplit nextWindow(
            StreamCursor cursor, FragmentSelectorType selector, long horizonMillis) {
        checkNotNull(cursor, "cursor must not be null");
        long start = cursor.nextStartMillis();
        if (start >= cursor.endMillis()) {
            return null;
        }
        long end = saturatedAdd(start, cursor.windowLengthMillis());
        if (end >= cursor.endMillis() || end > horizonMillis) {
            end = cursor.endMillis();
        }
        return FragmentWindowSplit.of(cursor.stream(), selector, start, end);
    }

    /** The length of the next windows after a window of {@code windowMillis} held {@code n}. */
    public long adaptedLength(long windowMillis, long fragmentCount) {
        checkArgument(windowMillis > 0, "windowMillis must be > 0, was %s", windowMillis);
        checkArgument(fragmentCount >= 0, "fragmentCount must be >= 0, was %s", fragmentCount);
        double grown = (double) windowMillis * MAX_GROWTH;
        double ideal =
                fragmentCount == 0
                        ? grown
                        : Math.min(grown, (double) windowMillis * targetFragments / fragmentCount);
        double clamped = Math.max(minWindowMillis, Math.min(maxWindowMillis, ideal));
        return Math.max(1, (long) clamped);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
