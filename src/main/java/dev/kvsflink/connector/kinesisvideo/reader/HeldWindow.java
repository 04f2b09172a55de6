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

import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A window the split reader holds, with its listing in progress ({@link WindowListing}), and what
 * it knows of the window between listings: how far it is settled, when to list it next, and the
 * fragments settled lately, to tell a late fragment from one already emitted. The split reader asks
 * it for the next request ({@link #nextRequest}) and gives it each answer ({@link #accept}), which
 * returns, once the listing is complete, what to hand over.
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

    private static final Logger LOG = LoggerFactory.getLogger(HeldWindow.class);

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

    /** The listing in progress, if any; tokens live only here, never in a checkpoint. */
    @Nullable private WindowListing listing;

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

    /**
     * The request for the next page: of the listing in progress, or of a new one at {@code
     * nowMillis}; null when no new time can be settled yet.
     */
    @Nullable
    ListFragmentsRequest nextRequest(long nowMillis, int maxResults) {
        if (listing == null) {
            listing = listingAt(nowMillis);
        }
        return listing == null ? null : listing.nextRequest(maxResults);
    }

    /**
     * Takes the answer to {@link #nextRequest}: once it was the listing's last page, returns what
     * the listing settled (fragments stamped {@code fetchedAtMillis}), else null. A listing that
     * would hold more than {@code maxFragments} is given up, and the next one covers half its new
     * time, so no listing, sorted part or hand-over holds more.
     *
     * @throws TooDense when one millisecond holds more than {@code maxFragments}, which cannot be
     *     split
     */
    @Nullable
    Settlement accept(FragmentPage page, long fetchedAtMillis) {
        WindowListing current = checkListing();
        current.accept(page);
        if (current.overflowed()) {
            listing = null;
            if (!halveSpan(current)) {
                throw new TooDense(
                        String.format(
                                "%s holds more than %s fragments at %s, a single millisecond,"
                                        + " which cannot be listed in smaller parts; raise %s",
                                splitId(),
                                maxFragments,
                                Instant.ofEpochMilli(current.untilMillis() - 1),
                                KinesisVideoSourceOptions.WINDOW_MAX_FRAGMENTS.key()));
            }
            LOG.info(
                    "{} holds more than {} fragments before {}; listing it in smaller parts",
                    splitId(),
                    maxFragments,
                    Instant.ofEpochMilli(current.untilMillis()));
            return null;
        }
        if (!current.isComplete()) {
            return null;
        }
        listing = null;
        return settle(current, fetchedAtMillis);
    }

    /**
     * Gives up the listing in progress, whose NextToken the service rejected: starting it over
     * could meet the same fate, so the next listing covers half the new time, and the span never
     * grows again. Returns false when that is a single millisecond, which cannot be listed in
     * parts.
     */
    boolean giveUpRejectedListing() {
        WindowListing current = checkListing();
        listing = null;
        spanMayGrow = false;
        return halveSpan(current);
    }

    private WindowListing checkListing() {
        if (listing == null) {
            throw new IllegalStateException("No listing of " + splitId() + " is in progress");
        }
        return listing;
    }

    /** The listing to make at {@code nowMillis}, or null when no new time can be settled yet. */
    @Nullable
    private WindowListing listingAt(long nowMillis) {
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
     * The next listing covers half the new time of {@code givenUp}. Returns false when that is a
     * single millisecond, which cannot be split.
     */
    private boolean halveSpan(WindowListing givenUp) {
        long newTime = givenUp.untilMillis() - settledUntilMillis;
        if (newTime <= 1) {
            return false;
        }
        spanMillis = newTime / 2;
        return true;
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
    private Settlement settle(WindowListing listing, long fetchedAtMillis) {
        long until = listing.untilMillis();
        // Only positions that the next listing covers again are remembered.
        long keepFrom = saturatedSubtract(until);
        List<FetchedElement.Fragment> toEmit = new ArrayList<>();
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
            // The position is computed here, once: the emitter moves the split's state to it.
            FragmentPosition position = FragmentPosition.of(fragment, split.selector());
            if (millis >= keepFrom) {
                recent.add(position);
            }
            if (resumeAfter == null || position.isAfter(resumeAfter)) {
                toEmit.add(new FetchedElement.Fragment(fragment, position, fetchedAtMillis));
            }
        }
        toEmit.sort(Comparator.comparing(FetchedElement.Fragment::position));
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

    /** One millisecond holds more fragments than a listing may: the window cannot be read. */
    static final class TooDense extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TooDense(String message) {
            super(message);
        }
    }
}
