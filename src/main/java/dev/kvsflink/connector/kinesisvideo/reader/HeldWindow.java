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

package dev.kvsflink.connector.kinesisvideo.reader;

import org.apache.flink.annotation.Internal;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A window the split reader holds, and what it knows of the window between listings: how far it is
 * settled, when to list it next, and the fragments settled lately, to tell a late fragment from one
 * already emitted.
 *
 * <p>Each listing covers {@code [settledUntil - lookback, now - settleLag)} within the window:
 * every fragment before {@code now - settleLag} is surely listable, so the new part is complete and
 * can be emitted in order; the look back finds fragments that became listable only after their time
 * was settled. Those are late: emitting them would break the order and the watermark, so they are
 * only counted. A window that ends before {@code now - settleLag} is complete after one listing of
 * the whole window, which is how every window of a backfill is read.
 *
 * <p>A listing covers at most {@code span} of new time, unlimited at first. When a listing cannot
 * be finished, the reader gives it up and the span halves: the window is then settled in smaller
 * parts, in order, each listed from its first page and emitted once complete. A listing is given up
 * when it would hold more than {@code maxFragments} (a window planned over an empty stretch that
 * turns dense), so memory stays bounded; the span doubles again after a part that held at most half
 * of that. It is also given up when the service rejected its NextToken (which expires while the
 * window waits for its turn): a part that fits in one page needs no token, so a window progresses
 * however short a token's lifetime; then the span never grows back, as the wait between two pages
 * does not get shorter. The listing that follows a part at once does not look back over it.
 *
 * <p>Not thread-safe: used by the fetcher thread only.
 */
@Internal
final class HeldWindow {

    private final FragmentWindowSplit split;
    private final long settleLagMillis;
    private final long lookbackMillis;
    private final int maxFragments;
    private long settledUntilMillis;
    private long nextListingAtMillis;
    private long settledFragments;

    /** The most new time one listing covers, ms; see the class comment. */
    private long spanMillis = Long.MAX_VALUE;

    /** Whether the last listing was cut short by the span: the next one continues at once. */
    private boolean continuesPart;

    /** Whether the span may double again; not after a rejected token. */
    private boolean spanMayGrow = true;

    /**
     * Positions settled within the look back; only meaningful once {@link #knowsRecent}. A restored
     * window does not know what its previous owner emitted there: its first listing only learns.
     */
    private final TreeSet<FragmentPosition> recent = new TreeSet<>();

    private boolean knowsRecent;

    HeldWindow(
            FragmentWindowSplit split,
            long settleLagMillis,
            long lookbackMillis,
            int maxFragments) {
        this.split = split;
        this.settleLagMillis = settleLagMillis;
        this.lookbackMillis = lookbackMillis;
        this.maxFragments = maxFragments;
        this.settledUntilMillis = split.settledUntilMillis();
        this.knowsRecent = settledUntilMillis == split.startMillis();
    }

    FragmentWindowSplit split() {
        return split;
    }

    String splitId() {
        return split.splitId();
    }

    /** When this window is due to be listed (epoch ms); 0 until its first listing. */
    long nextListingAtMillis() {
        return nextListingAtMillis;
    }

    /** The listing to make at {@code nowMillis}, or null when no new time can be settled yet. */
    @Nullable
    WindowListing listingAt(long nowMillis) {
        long target = settleTarget(nowMillis);
        if (target <= settledUntilMillis) {
            return null;
        }
        long until = settledUntilMillis + Math.min(spanMillis, target - settledUntilMillis);
        // Parts follow each other at once: looking back over the previous one would list it again
        // (and hold it again) while it cannot have aged into lateness.
        long from =
                continuesPart
                        ? settledUntilMillis
                        : Math.max(split.startMillis(), saturatedSubtract(settledUntilMillis));
        return new WindowListing(split, from, until, until < target, maxFragments);
    }

    /**
     * Gives up {@code listing}, which held too many fragments: the next listing covers half its new
     * time. Returns false when that is a single millisecond, which cannot be split.
     */
    boolean halveSpan(WindowListing listing) {
        long newTime = listing.untilMillis() - settledUntilMillis;
        if (newTime <= 1) {
            return false;
        }
        spanMillis = newTime / 2;
        return true;
    }

    /** Gives up {@code listing}, whose token was rejected, as {@link #halveSpan}, for good. */
    boolean halveSpanForGood(WindowListing listing) {
        spanMayGrow = false;
        return halveSpan(listing);
    }

    /** Schedules the next listing {@code intervalMillis} after {@code nowMillis}. */
    void listAgainAfter(long nowMillis, long intervalMillis) {
        nextListingAtMillis = nowMillis + intervalMillis;
    }

    /**
     * Takes a finished listing: returns the fragments newly settled, in emission order and without
     * those at or before the split's resume position, and counts in {@code late} the fragments that
     * were settled before they were listable.
     */
    Settlement settle(WindowListing listing) {
        long until = listing.untilMillis();
        // Only positions that the next listing covers again are remembered.
        long keepFrom = saturatedSubtract(until);
        List<KinesisVideoFragment> toEmit = new ArrayList<>();
        int late = 0;
        int settled = 0;
        FragmentPosition resumeAfter = split.resumeAfter();
        for (KinesisVideoFragment fragment : listing.fragments()) {
            long millis = fragment.timestamp(split.selector()).toEpochMilli();
            if (millis < settledUntilMillis) {
                FragmentPosition position = FragmentPosition.of(fragment, split.selector());
                if (!recent.contains(position)) {
                    if (knowsRecent) {
                        late++;
                    }
                    if (millis >= keepFrom) {
                        recent.add(position);
                    }
                }
                continue;
            }
            settled++;
            if (millis >= keepFrom) {
                recent.add(FragmentPosition.of(fragment, split.selector()));
            }
            if (resumeAfter == null
                    || FragmentPosition.of(fragment, split.selector()).isAfter(resumeAfter)) {
                toEmit.add(fragment);
            }
        }
        toEmit.sort(emissionOrder());
        settledUntilMillis = until;
        continuesPart = listing.cutShort();
        if (continuesPart
                && spanMayGrow
                && listing.fragments().size() <= maxFragments / 2
                && spanMillis <= Long.MAX_VALUE / 2) {
            spanMillis *= 2;
        }
        settledFragments += settled;
        knowsRecent = true;
        recent.headSet(FragmentPosition.of(keepFrom, "0")).clear();
        return new Settlement(
                toEmit, settled, late, until, until == split.endMillis(), listing.cutShort());
    }

    /**
     * The order of {@link FragmentPosition} (milliseconds, then number), without building a
     * position per comparison: positions advance strictly even if a timestamp carried
     * sub-millisecond digits.
     */
    private Comparator<KinesisVideoFragment> emissionOrder() {
        return Comparator.comparingLong(
                        (KinesisVideoFragment f) -> f.timestamp(split.selector()).toEpochMilli())
                .thenComparing(
                        KinesisVideoFragment::fragmentNumber,
                        KinesisVideoFragment.FRAGMENT_NUMBER_ORDER);
    }

    /** How many fragments this reader settled from the window. */
    long settledFragments() {
        return settledFragments;
    }

    private long settleTarget(long nowMillis) {
        return Math.min(
                split.endMillis(), Math.max(split.startMillis(), nowMillis - settleLagMillis));
    }

    private long saturatedSubtract(long millis) {
        return millis - lookbackMillis > millis ? Long.MIN_VALUE : millis - lookbackMillis;
    }

    /**
     * The outcome of one listing.
     *
     * @param toEmit the fragments to emit, in emission order
     * @param settled how many fragments the listing settled (also those emitted before a restore)
     * @param late how many fragments were found after their time had been settled
     * @param settledUntilMillis how far the window is settled now
     * @param complete whether the window is settled to its end
     * @param cutShort whether more could be settled at once: the span ended the listing early
     */
    record Settlement(
            List<KinesisVideoFragment> toEmit,
            int settled,
            int late,
            long settledUntilMillis,
            boolean complete,
            boolean cutShort) {}
}
