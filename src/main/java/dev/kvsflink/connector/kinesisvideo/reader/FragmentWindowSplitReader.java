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
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InterruptedIOException;
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
 * only). If the service rejects a token with {@code InvalidArgumentException} (it expired), the
 * window is listed again from its first page, once per window; any other service error fails the
 * fetch.
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
        this.maxResults = maxResults;
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
                takeTurn(window, now);
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
            return nothing();
        }
        if (!listing.isComplete()) {
            return nothing();
        }
        listings.remove(window.splitId());
        return handOver(window, window.settle(listing), now);
    }

    private FragmentPage call(WindowListing listing) throws IOException, WokenUp {
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
                if (!listing.isContinuation()
                        || !EXPIRED_TOKEN_ERROR.equals(e.errorType())
                        || listing.restarts() > 0) {
                    throw failure(e);
                }
                LOG.warn(
                        "The service rejected a NextToken while listing {} ({}); listing the window again from its first page",
                        listing.split(),
                        e.getMessage());
                listing.restart();
                request = listing.nextRequest(maxResults);
            }
        }
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
            takeTurn(window, listedAtMillis);
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
    private void takeTurn(HeldWindow window, long listedAtMillis) {
        window.listAgainAfter(listedAtMillis, settlePolicy.pollIntervalMillis());
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
                                settlePolicy.lookbackMillis(split.selector())));
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

    /** A wake-up ended a wait: return to the fetcher without losing the listing. */
    private static final class WokenUp extends Exception {
        private static final long serialVersionUID = 1L;

        WokenUp() {
            super(null, null, false, false);
        }
    }
}
