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
import org.apache.flink.annotation.VisibleForTesting;

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClientFactory;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The one client of a reader, shared by its fetchers, and everything about the pace of its calls:
 * each {@code ListFragments} call waits for its stream's turn ({@link StreamRequestBudgets}), a
 * throttled one slows its stream down and is resent at the slower pace for up to the throttling
 * timeout, and {@code GetDataEndpoint} calls are paced to the reader's share of the job's budget.
 *
 * <p>One client per reader rather than per fetcher: a fetcher is shut down when it runs out of
 * windows and a new one started for the next, and a client of its own resolved the data endpoints
 * of its streams again, once per window. Sharing it shares its endpoint cache (one {@code
 * GetDataEndpoint} per stream, again only after the endpoint failed) and one HTTP connection pool.
 *
 * <p>{@code GetDataEndpoint} has a quota for the whole account (300 calls per second): the reader
 * paces those calls to its equal share of the job's budget, halving its pace after a throttled one
 * as {@link RequestPacer} does for a stream. The SDK reports every throttled attempt (also those it
 * retries itself) to the listener this class gives it, which slows down the pacer of that call.
 *
 * <p>Thread-safe. Closed by the reader once its fetchers have stopped.
 */
@Internal
final class PacedClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacedClient.class);

    private static final String LIST_FRAGMENTS = "ListFragments";
    private static final String GET_DATA_ENDPOINT = "GetDataEndpoint";

    private final KinesisVideoFragmentClient client;
    private final StreamRequestBudgets budgets;
    private final RequestPacer dataEndpointPacer;
    private final KinesisVideoSourceReaderMetrics metrics;
    private final long throttlingTimeoutNanos;
    private final Duration throttlingTimeout;
    private final LongSupplier nanoClock;

    /**
     * @param listFragmentsBudget the {@code ListFragments} calls per second the job may send to one
     *     stream
     * @param dataEndpointBudget the {@code GetDataEndpoint} calls per second of the whole job
     * @param parallelism the number of readers sharing those budgets
     * @param throttlingTimeout how long one call may go on being throttled, resent at the slowed
     *     pace, before it fails
     */
    PacedClient(
            KinesisVideoFragmentClientFactory factory,
            KinesisVideoSourceReaderMetrics metrics,
            double listFragmentsBudget,
            double dataEndpointBudget,
            int parallelism,
            Duration throttlingTimeout) {
        this(
                factory,
                metrics,
                listFragmentsBudget,
                dataEndpointBudget,
                parallelism,
                throttlingTimeout,
                System::nanoTime,
                RequestPacer.Sleeper.SYSTEM);
    }

    @VisibleForTesting
    PacedClient(
            KinesisVideoFragmentClientFactory factory,
            KinesisVideoSourceReaderMetrics metrics,
            double listFragmentsBudget,
            double dataEndpointBudget,
            int parallelism,
            Duration throttlingTimeout,
            LongSupplier nanoClock,
            RequestPacer.Sleeper sleeper) {
        checkNotNull(factory, "factory must not be null");
        checkArgument(parallelism >= 1, "parallelism must be >= 1, was %s", parallelism);
        this.metrics = checkNotNull(metrics, "metrics must not be null");
        this.throttlingTimeout = checkNotNull(throttlingTimeout, "throttlingTimeout");
        this.throttlingTimeoutNanos = throttlingTimeout.toNanos();
        this.nanoClock = checkNotNull(nanoClock, "nanoClock must not be null");
        this.budgets =
                new StreamRequestBudgets(listFragmentsBudget, parallelism, nanoClock, sleeper);
        this.dataEndpointPacer =
                new RequestPacer(dataEndpointBudget / parallelism, nanoClock, sleeper);
        this.client =
                factory.create(
                        metrics.clientListener().andThen(slowDownWhenThrottled()),
                        dataEndpointPacer::awaitTurn);
    }

    /**
     * Sends one {@code ListFragments} call when its stream's turn comes, and resends it while it is
     * throttled, each time at the slowed-down pace: resending the same request (same token) is
     * idempotent, nothing is lost or listed twice.
     *
     * @throws KinesisVideoServiceException when the service answered with an error other than
     *     throttling, or went on throttling for longer than the throttling timeout
     * @throws InterruptedException when interrupted while waiting for a turn or an answer; the turn
     *     is then given back
     */
    FragmentPage listFragments(ListFragmentsRequest request) throws InterruptedException {
        long throttledSinceNanos = 0;
        boolean throttled = false;
        while (true) {
            budgets.awaitTurn(request.stream());
            metrics.listFragmentsCalled();
            try {
                FragmentPage page = client.listFragments(request);
                metrics.pageReceived();
                return page;
            } catch (KinesisVideoServiceException e) {
                if (!e.isThrottling()) {
                    throw e;
                }
                long now = nanoClock.getAsLong();
                if (!throttled) {
                    throttled = true;
                    throttledSinceNanos = now;
                }
                if (now - throttledSinceNanos >= throttlingTimeoutNanos) {
                    throw e;
                }
                LOG.warn(
                        "{}; retrying at a slower pace (giving up after {})",
                        e.getMessage(),
                        throttlingTimeout);
            }
        }
    }

    /**
     * When the next call to {@code stream} could go (nano clock); lets a reader pick the stream.
     */
    long nextTurnNanos(StreamRef stream) {
        return budgets.nextTurnNanos(stream);
    }

    /** Task thread: the enumerator's latest shares of this reader, by stream id. */
    void updateShares(Map<String, Double> sharesByStream) {
        budgets.updateShares(sharesByStream);
    }

    /** The {@code ListFragments} calls per second let through to {@code streamId} now. */
    @VisibleForTesting
    double listFragmentsRate(String streamId) {
        return budgets.rate(streamId);
    }

    /** The {@code GetDataEndpoint} calls per second this reader lets through now. */
    @VisibleForTesting
    double dataEndpointRate() {
        return dataEndpointPacer.rate();
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Slows down the pacer of a throttled attempt: a stream's for {@code ListFragments}, the
     * reader's for {@code GetDataEndpoint}, whose quota is the account's and says nothing about the
     * pace of listing.
     */
    private ClientListener slowDownWhenThrottled() {
        return new ClientListener() {
            @Override
            public void throttled(String operation, StreamRef stream) {
                if (LIST_FRAGMENTS.equals(operation)) {
                    budgets.onThrottled(stream);
                } else if (GET_DATA_ENDPOINT.equals(operation)) {
                    dataEndpointPacer.onThrottled();
                }
            }
        };
    }
}
