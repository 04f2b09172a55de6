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
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;

import static dev.kvsflink.connector.kinesisvideo.reader.WindowHandOver.nothing;
import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Lists windows one page per {@link #fetch()}: takes the next window's turn ({@link WindowTurns}),
 * asks the window for its next request, makes the call through the reader's {@link PacedClient} and
 * gives the window the answer; once the window's listing is complete, hands over what it settled
 * ({@link WindowHandOver}). A window that ends before "now minus the settle lag" (every window of a
 * backfill) is settled whole by its first listing and finishes; one that reaches past it (the open
 * tail of a stream) is listed again every poll interval. Pages come in no order, so a part is
 * handed over only once it is complete; that is what makes ordered emission and an exact
 * one-position resume possible (see {@link HeldWindow}).
 *
 * <p>A {@link #wakeUp()} interrupts a call in progress or a wait for a due window; the next fetch
 * continues the same listing from its token (kept in memory only). If the service rejects a token
 * with {@code InvalidArgumentException} (it expired while the window waited for its turn), the rest
 * of the window is listed in parts of half its time, down to parts that fit in one page and need no
 * token; any other service error fails the fetch.
 *
 * <p>Threading: {@code fetch}, {@code handleSplitsChanges} and {@code close} run on the fetcher
 * thread; {@code wakeUp} and {@code pauseOrResumeSplits} may come from other threads.
 */
@Internal
final class FragmentWindowSplitReader implements SplitReader<FetchedElement, FragmentWindowSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(FragmentWindowSplitReader.class);

    /** The error type the service answers for a token it no longer accepts. */
    static final String EXPIRED_TOKEN_ERROR = "InvalidArgumentException";

    private final PacedClient client;
    private final int maxResults;
    private final int maxFragments;
    private final ErrorHandling errorHandling;
    private final SettlePolicy settlePolicy;
    private final WindowTurns turns;
    private final WindowHandOver handOver;

    FragmentWindowSplitReader(
            PacedClient client,
            int maxResults,
            int maxFragments,
            KinesisVideoSourceReaderMetrics metrics,
            ErrorHandling errorHandling,
            SettlePolicy settlePolicy) {
        checkArgument(
                maxResults >= 1 && maxResults <= 1000,
                "maxResults must be 1..1000: %s",
                maxResults);
        checkArgument(maxFragments >= 1, "maxFragments must be >= 1: %s", maxFragments);
        this.client = checkNotNull(client, "client must not be null");
        this.maxResults = maxResults;
        this.maxFragments = maxFragments;
        this.errorHandling = checkNotNull(errorHandling, "errorHandling must not be null");
        this.settlePolicy = checkNotNull(settlePolicy, "settlePolicy must not be null");
        this.turns = new WindowTurns(client::nextTurnNanos, settlePolicy.clock());
        this.handOver = new WindowHandOver(metrics);
    }

    @Override
    public RecordsWithSplitIds<FetchedElement> fetch() throws IOException {
        HeldWindow window;
        try {
            window = turns.awaitDue();
        } catch (WindowTurns.WokenUp e) {
            return nothing();
        }
        if (window == null) {
            return nothing();
        }
        long now = settlePolicy.clock().millis();
        ListFragmentsRequest request = window.nextRequest(now, maxResults);
        if (request == null) {
            // Nothing new can be settled yet (a start in the future, or a poll came early).
            turns.takeTurn(window, now, settlePolicy.pollIntervalMillis());
            return nothing();
        }
        FragmentPage page;
        try {
            // One page per fetch: the next fetch may serve another stream while this one waits
            // for its turn, so one reader uses the quota of every stream it holds.
            page = turns.interruptibly(() -> client.listFragments(request), request);
        } catch (WindowTurns.WokenUp e) {
            LOG.debug("Woken up while listing {}; will continue from the same page", window);
            // The wake-up is consumed here: its interrupt, which a client may have set again on
            // its way out, must not outlive the fetch (Flink 1.20's fetch task then fails on
            // putting the next batch into its queue: "Source fetch execution was interrupted").
            Thread.interrupted();
            return nothing();
        } catch (KinesisVideoServiceException e) {
            if (request.nextToken() != null && EXPIRED_TOKEN_ERROR.equals(e.errorType())) {
                listInSmallerParts(window, request, e);
                return nothing();
            }
            throw errorHandling.failure(e);
        }
        Settlement settlement;
        try {
            settlement = window.accept(page, settlePolicy.clock().millis());
        } catch (HeldWindow.TooDense e) {
            throw errorHandling.permanent(e);
        }
        if (settlement == null) {
            return nothing();
        }
        if (settlement.complete()) {
            turns.remove(window);
        } else {
            // The rest of a part cut short can be listed at once; otherwise wait for new time.
            long interval = settlement.cutShort() ? 0 : settlePolicy.pollIntervalMillis();
            turns.takeTurn(window, now, interval);
        }
        return handOver.batch(window, settlement);
    }

    /**
     * Gives up a listing whose token the service rejected. Only a part of one millisecond that
     * needs more than one page cannot progress so; it fails with the service's error.
     */
    private void listInSmallerParts(
            HeldWindow window, ListFragmentsRequest request, KinesisVideoServiceException e) {
        if (!window.giveUpRejectedListing()) {
            LOG.error(
                    "The fragments of {} at {} need more than one page and the service rejected"
                            + " the NextToken; one millisecond cannot be listed in smaller parts",
                    window.splitId(),
                    request.endInclusive());
            throw errorHandling.failure(e);
        }
        LOG.warn(
                "The service rejected a NextToken while listing {} ({}); listing the rest of the"
                        + " window in smaller parts",
                window.splitId(),
                e.getMessage());
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FragmentWindowSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Unsupported splits change: " + splitsChanges.getClass().getName());
        }
        for (FragmentWindowSplit split : splitsChanges.splits()) {
            // Looking back further than the lag finds, and counts, fragments that became
            // listable later than promised (a TaskManager clock ahead of the service).
            turns.add(
                    new HeldWindow(
                            split,
                            settlePolicy.lagMillis(split.selector()),
                            settlePolicy.lookbackMillis(split.selector()),
                            maxFragments));
        }
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<FragmentWindowSplit> splitsToPause,
            Collection<FragmentWindowSplit> splitsToResume) {
        turns.pauseOrResume(splitsToPause, splitsToResume);
    }

    @Override
    public void wakeUp() {
        turns.wakeUp();
    }

    /**
     * Leaves the client open: the fetchers share it, and the reader closes it ({@link
     * PacedClient}).
     */
    @Override
    public void close() {}
}
