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
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.runtime.execution.SuppressRestartsException;

import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Lists windows one page per {@link #fetch()}, taking turns among the windows it holds by which
 * stream's request budget allows the next call soonest: while one stream waits for its turn, the
 * reader calls another. A listing covers the part of a window that can be settled now (see {@link
 * HeldWindow}); once its last page is in, the fragments of that part go out in emission order. A
 * window that ends before "now minus the settle lag" (every window of a backfill) is settled whole
 * by its first listing and marked finished; one that reaches past it (the open tail of a stream) is
 * listed again every poll interval and hands over, after its new fragments, how far it is settled.
 * Pages come in no order, so a part is emitted only once it is complete; that is what makes ordered
 * emission and an exact one-position resume possible.
 *
 * <p>When no window is due (open tails between polls), the fetch waits for the earliest.
 *
 * <p>A {@link #wakeUp()} interrupts a call in progress or a wait for a resumed split; the fetch
 * then returns nothing and the next fetch continues the same listing from its token (kept in memory
 * only). If the service rejects a token with {@code InvalidArgumentException} (it expired while the
 * window waited for its turn), the listing is given up and the rest of the window is listed in
 * parts of half its time, in order, again on every rejection, down to parts that fit in one page
 * and need no token; any other service error fails the fetch. Likewise a listing that would hold
 * more than {@code maxFragments} is given up and the rest of the window listed in smaller parts, so
 * a window denser than planned never holds more.
 *
 * <p>Threading: {@code fetch}, {@code handleSplitsChanges} and {@code close} run on the fetcher
 * thread; {@code wakeUp} and {@code pauseOrResumeSplits} may come from other threads and only touch
 * state guarded by {@code lock}.
 */
@Internal
public final class FragmentWindowSplitReader
        implements SplitReader<FetchedElement, FragmentWindowSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(FragmentWindowSplitReader.class);

    /** The error type the service answers for a token it no longer accepts. */
    static final String EXPIRED_TOKEN_ERROR = "InvalidArgumentException";

    private final KinesisVideoFragmentClient client;
    private final int maxResults;
    private final int maxFragments;
    private final FetchedWindows fetchedWindows;
    private final KinesisVideoSourceReaderMetrics metrics;
    private final StreamRequestBudgets budgets;
    private final ErrorHandling errorHandling;
    private final SettlePolicy settlePolicy;
    private final LateFragmentsLog lateFragmentsLog = new LateFragmentsLog();

    /** Listings in progress, by split id (fetcher thread only). */
    private final Map<String, WindowListing> listings = new HashMap<>();

    private final Object lock = new Object();

    /** Assigned and unfinished windows, in turn order. */
    private final ArrayDeque<HeldWindow> windows = new ArrayDeque<>(); // guarded by lock

    private final Set<String> pausedSplitIds = new HashSet<>(); // guarded by lock
    private boolean wakeUpRequested; // guarded by lock
    @Nullable private Thread callingThread; // guarded by lock

    public FragmentWindowSplitReader(
            KinesisVideoFragmentClient client,
            int maxResults,
            int maxFragments,
            FetchedWindows fetchedWindows,
            KinesisVideoSourceReaderMetrics metrics,
            StreamRequestBudgets budgets,
            ErrorHandling errorHandling,
            SettlePolicy settlePolicy) {
        checkArgument(
                maxResults >= 1 && maxResults <= 1000,
                "maxResults must be 1..1000: %s",
                maxResults);
        this.client = checkNotNull(client, "client must not be null");
        checkArgument(maxFragments >= 1, "maxFragments must be >= 1: %s", maxFragments);
        this.maxResults = maxResults;
        this.maxFragments = maxFragments;
        this.fetchedWindows = checkNotNull(fetchedWindows, "fetchedWindows must not be null");
        this.metrics = checkNotNull(metrics, "metrics must not be null");
        this.budgets = checkNotNull(budgets, "budgets must not be null");
        this.errorHandling = checkNotNull(errorHandling, "errorHandling must not be null");
        this.settlePolicy = checkNotNull(settlePolicy, "settlePolicy must not be null");
    }

    @Override
    public RecordsWithSplitIds<FetchedElement> fetch() throws IOException {
        HeldWindow window;
        try {
            window = awaitDueWindow();
        } catch (WokenUp e) {
            return nothing();
        }
        if (window == null) {
            return nothing();
        }
        long now = settlePolicy.clock().millis();
        WindowListing listing = listings.get(window.splitId());
        if (listing == null) {
            listing = window.listingAt(now);
            if (listing == null) {
                // Nothing new can be settled yet (a start in the future, or a poll came early).
                takeTurn(window, now, settlePolicy.pollIntervalMillis());
                return nothing();
            }
            listings.put(window.splitId(), listing);
        }
        try {
            // One page per fetch: the next fetch may serve another stream while this one waits
            // for its turn, so one reader uses the quota of every stream it holds.
            listing.accept(call(listing));
        } catch (WokenUp e) {
            LOG.debug("Woken up while listing {}; will continue from the same page", window);
            // The wake-up is consumed here: its interrupt, which a client may have set again on
            // its way out, must not outlive the fetch (Flink 1.20's fetch task then fails on
            // putting the next batch into its queue: "Source fetch execution was interrupted").
            Thread.interrupted();
            return nothing();
        } catch (TokenRejected e) {
            listInSmallerParts(window, listing, e.rejected);
            return nothing();
        }
        if (listing.overflowed()) {
            listDenseWindowInParts(window, listing);
            return nothing();
        }
        if (!listing.isComplete()) {
            return nothing();
        }
        listings.remove(window.splitId());
        return handOver(window, window.settle(listing), now);
    }

    private FragmentPage call(WindowListing listing) throws IOException, WokenUp, TokenRejected {
        ListFragmentsRequest request = listing.nextRequest(maxResults);
        long throttledSinceNanos = 0;
        boolean throttled = false;
        while (true) {
            try {
                FragmentPage page = callInterruptibly(request);
                metrics.pageReceived();
                return page;
            } catch (KinesisVideoServiceException e) {
                if (e.isThrottling()) {
                    // Resending the same request (same token) is idempotent: nothing is lost or
                    // listed twice. The pacer has slowed down with every throttled attempt.
                    long now = System.nanoTime();
                    if (!throttled) {
                        throttled = true;
                        throttledSinceNanos = now;
                    }
                    if (now - throttledSinceNanos < errorHandling.throttlingTimeout().toNanos()) {
                        LOG.warn(
                                "{}; retrying at a slower pace (giving up after {})",
                                e.getMessage(),
                                errorHandling.throttlingTimeout());
                        continue;
                    }
                    throw failure(e);
                }
                if (listing.isContinuation() && EXPIRED_TOKEN_ERROR.equals(e.errorType())) {
                    throw new TokenRejected(e);
                }
                throw failure(e);
            }
        }
    }

    /**
     * Gives up a listing whose token the service rejected: starting it over could meet the same
     * fate, so the window's next listing covers half the time. Only a part of one millisecond that
     * needs more than one page cannot progress so; it fails with the service's error.
     */
    private void listInSmallerParts(
            HeldWindow window, WindowListing listing, KinesisVideoServiceException rejected) {
        listings.remove(window.splitId());
        if (!window.halveSpanForGood(listing)) {
            LOG.error(
                    "The fragments of {} at {} need more than one page and the service rejected"
                            + " the NextToken; one millisecond cannot be listed in smaller parts",
                    listing.split().splitId(),
                    Instant.ofEpochMilli(listing.untilMillis() - 1));
            throw failure(rejected);
        }
        LOG.warn(
                "The service rejected a NextToken while listing {} ({}); listing the rest of the"
                        + " window in smaller parts",
                listing.split().splitId(),
                rejected.getMessage());
    }

    /**
     * Gives up a listing that would hold more than {@code maxFragments}: the window's next listing
     * covers half the time, so no listing, sorted part or hand-over holds more. Fails only when one
     * millisecond holds more, as it cannot be split.
     */
    private void listDenseWindowInParts(HeldWindow window, WindowListing listing) {
        listings.remove(window.splitId());
        if (!window.halveSpan(listing)) {
            RuntimeException e =
                    new IllegalStateException(
                            String.format(
                                    "%s holds more than %s fragments at %s, a single millisecond,"
                                            + " which cannot be listed in smaller parts; raise %s",
                                    listing.split().splitId(),
                                    maxFragments,
                                    Instant.ofEpochMilli(listing.untilMillis() - 1),
                                    KinesisVideoSourceOptions.WINDOW_MAX_FRAGMENTS.key()));
            throw errorHandling.suppressRestartsOnPermanentErrors()
                    ? new SuppressRestartsException(e)
                    : e;
        }
        LOG.info(
                "{} holds more than {} fragments before {}; listing it in smaller parts",
                listing.split().splitId(),
                maxFragments,
                Instant.ofEpochMilli(listing.untilMillis()));
    }

    /**
     * What to fail with: a permanent error bypasses the restart strategy when so configured, as
     * restarting would only meet it again (a missing stream or bad credentials must not
     * restart-loop quietly); anything else goes through the restart strategy.
     */
    private RuntimeException failure(KinesisVideoServiceException e) {
        if (e.isPermanent() && errorHandling.suppressRestartsOnPermanentErrors()) {
            LOG.error(
                    "{}: retrying cannot fix this; failing the job without restarts",
                    e.getMessage());
            return new SuppressRestartsException(e);
        }
        return e;
    }

    private FragmentPage callInterruptibly(ListFragmentsRequest request)
            throws IOException, WokenUp {
        synchronized (lock) {
            if (consumeWakeUp()) {
                throw new WokenUp();
            }
            callingThread = Thread.currentThread();
        }
        try {
            // Inside the interruptible section: a wake-up ends the wait for a turn too.
            budgets.awaitTurn(request.stream());
            metrics.listFragmentsCalled();
            return client.listFragments(request);
        } catch (InterruptedException e) {
            synchronized (lock) {
                if (consumeWakeUp()) {
                    throw new WokenUp();
                }
            }
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while listing fragments: " + request);
        } finally {
            synchronized (lock) {
                callingThread = null;
                if (wakeUpRequested) {
                    // Our own wakeUp's interrupt may still be pending: it must not hit a later
                    // wait.
                    Thread.interrupted();
                }
            }
        }
    }

    /** The settled fragments and, unless the window is complete, how far it is settled. */
    private RecordsWithSplitIds<FetchedElement> handOver(
            HeldWindow window, HeldWindow.Settlement settlement, long listedAtMillis) {
        String splitId = window.splitId();
        if (settlement.late() > 0) {
            metrics.lateFragments(settlement.late());
            lateFragmentsLog.found(window.split(), settlement.late());
        }
        long fetchedAt = settlePolicy.clock().millis();
        List<FetchedElement> elements = new ArrayList<>(settlement.toEmit().size() + 1);
        for (KinesisVideoFragment fragment : settlement.toEmit()) {
            elements.add(new FetchedElement.Fragment(fragment, fetchedAt));
        }
        metrics.windowListed(settlement.settled() + settlement.late(), settlement.toEmit().size());
        Set<String> finished;
        if (settlement.complete()) {
            synchronized (lock) {
                windows.remove(window);
                pausedSplitIds.remove(splitId);
            }
            fetchedWindows.put(
                    splitId, new FetchedWindows.FetchedWindow(window.settledFragments()));
            finished = Collections.singleton(splitId);
        } else {
            elements.add(new FetchedElement.Settled(settlement.settledUntilMillis()));
            // The rest of a part cut short can be listed at once; otherwise wait for new time.
            takeTurn(
                    window,
                    listedAtMillis,
                    settlement.cutShort() ? 0 : settlePolicy.pollIntervalMillis());
            finished = Collections.emptySet();
        }
        LOG.debug(
                "Listed {} up to {}: {} fragments to emit, {} late{}",
                window.split(),
                settlement.settledUntilMillis(),
                settlement.toEmit().size(),
                settlement.late(),
                settlement.complete() ? ", complete" : "");
        Map<String, Collection<FetchedElement>> records = new HashMap<>();
        records.put(splitId, elements);
        return new RecordsBySplits<>(records, finished);
    }

    /** Schedules {@code window}'s next listing and sends it to the back of the turn order. */
    private void takeTurn(HeldWindow window, long listedAtMillis, long intervalMillis) {
        window.listAgainAfter(listedAtMillis, intervalMillis);
        synchronized (lock) {
            if (windows.remove(window)) {
                windows.addLast(window);
            }
        }
    }

    /**
     * The first unpaused window that is due for a listing; waits for one while none is; null when
     * no window is held.
     */
    @Nullable
    private HeldWindow awaitDueWindow() throws IOException, WokenUp {
        synchronized (lock) {
            while (true) {
                if (consumeWakeUp()) {
                    throw new WokenUp();
                }
                if (windows.isEmpty()) {
                    return null;
                }
                long now = settlePolicy.clock().millis();
                long earliest = Long.MAX_VALUE;
                HeldWindow best = null;
                long bestTurn = Long.MAX_VALUE;
                for (HeldWindow window : windows) {
                    if (pausedSplitIds.contains(window.splitId())) {
                        continue;
                    }
                    if (window.nextListingAtMillis() <= now) {
                        // Among the due windows, the one whose stream may be called soonest; on
                        // a tie the one that came first, so one stream's windows go in order.
                        long turn = budgets.nextTurnNanos(window.split().stream());
                        if (best == null || turn < bestTurn) {
                            best = window;
                            bestTurn = turn;
                        }
                    } else {
                        earliest = Math.min(earliest, window.nextListingAtMillis());
                    }
                }
                if (best != null) {
                    return best;
                }
                try {
                    if (earliest == Long.MAX_VALUE) {
                        lock.wait();
                    } else {
                        lock.wait(Math.max(1, earliest - now));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while waiting for a window");
                }
            }
        }
    }

    private boolean consumeWakeUp() {
        boolean requested = wakeUpRequested;
        wakeUpRequested = false;
        return requested;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FragmentWindowSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Unsupported splits change: " + splitsChanges.getClass().getName());
        }
        synchronized (lock) {
            for (FragmentWindowSplit split : splitsChanges.splits()) {
                // Looking back further than the lag finds, and counts, fragments that became
                // listable later than promised (a TaskManager clock ahead of the service).
                windows.addLast(
                        new HeldWindow(
                                split,
                                settlePolicy.lagMillis(split.selector()),
                                settlePolicy.lookbackMillis(split.selector()),
                                maxFragments));
            }
            lock.notifyAll();
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<FragmentWindowSplit> splitsToPause,
            Collection<FragmentWindowSplit> splitsToResume) {
        synchronized (lock) {
            splitsToPause.forEach(s -> pausedSplitIds.add(s.splitId()));
            splitsToResume.forEach(s -> pausedSplitIds.remove(s.splitId()));
            lock.notifyAll();
        }
    }

    @Override
    public void wakeUp() {
        synchronized (lock) {
            wakeUpRequested = true;
            if (callingThread != null) {
                callingThread.interrupt();
            }
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static RecordsWithSplitIds<FetchedElement> nothing() {
        return new RecordsBySplits<>(Collections.emptyMap(), Collections.emptySet());
    }

    /** The service rejected a listing's NextToken. */
    private static final class TokenRejected extends Exception {
        private static final long serialVersionUID = 1L;

        private final KinesisVideoServiceException rejected;

        TokenRejected(KinesisVideoServiceException rejected) {
            super(null, null, false, false);
            this.rejected = rejected;
        }
    }

    /** A wake-up ended a wait: return to the fetcher without losing the listing. */
    private static final class WokenUp extends Exception {
        private static final long serialVersionUID = 1L;

        WokenUp() {
            super(null, null, false, false);
        }
    }
}
