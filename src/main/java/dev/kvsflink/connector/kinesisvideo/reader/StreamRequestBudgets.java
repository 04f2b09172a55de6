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

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * One reader's share of each stream's {@code ListFragments} budget, and the pacing of its calls to
 * it. The enumerator sends the shares ({@code StreamBudgetEvent}) whenever they change; a stream
 * whose share has not arrived (a split restored from a checkpoint, before the enumerator knows of
 * it) gets the budget divided by the parallelism, which can never exceed the budget in total.
 *
 * <p>Shared by the task thread (which sets shares) and the fetcher threads (which wait for turns
 * and hear of throttling), through {@link PacedClient}; thread-safe.
 */
@Internal
final class StreamRequestBudgets {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRequestBudgets.class);

    private final double fallbackShare;
    private final LongSupplier nanoClock;
    private final RequestPacer.Sleeper sleeper;

    /** By stream id. */
    private final Map<String, RequestPacer> pacers = new ConcurrentHashMap<>();

    /** Shares from the enumerator, by stream id; streams without one use the fallback. */
    private final Map<String, Double> shares = new ConcurrentHashMap<>();

    /**
     * @param budget the calls per second the job may send to one stream
     * @param parallelism the number of readers, which share every budget at worst
     * @param nanoClock the clock of the pacers
     * @param sleeper how the pacers wait
     */
    StreamRequestBudgets(
            double budget, int parallelism, LongSupplier nanoClock, RequestPacer.Sleeper sleeper) {
        checkArgument(budget > 0, "budget must be positive, was %s", budget);
        checkArgument(parallelism >= 1, "parallelism must be >= 1, was %s", parallelism);
        this.fallbackShare = budget / parallelism;
        this.nanoClock = checkNotNull(nanoClock, "nanoClock must not be null");
        this.sleeper = checkNotNull(sleeper, "sleeper must not be null");
    }

    /** Task thread: the enumerator's latest shares of this reader, by stream id. */
    void updateShares(Map<String, Double> sharesByStream) {
        shares.clear();
        shares.putAll(sharesByStream);
        pacers.forEach((stream, pacer) -> pacer.setShare(shareOf(stream)));
        LOG.debug("Request budget shares (calls/s by stream): {}", sharesByStream);
    }

    /** Fetcher thread: waits until a call to {@code stream} fits in this reader's share. */
    void awaitTurn(StreamRef stream) throws InterruptedException {
        pacer(stream.id()).awaitTurn();
    }

    /**
     * When the next call to {@code stream} could go (nano clock); lets a reader pick the stream.
     */
    long nextTurnNanos(StreamRef stream) {
        return pacer(stream.id()).nextTurnNanos();
    }

    /** The service throttled a call to {@code stream}: slow its calls down. */
    void onThrottled(StreamRef stream) {
        pacer(stream.id()).onThrottled();
    }

    /** The calls per second let through to {@code streamId} now. */
    double rate(String streamId) {
        return pacer(streamId).rate();
    }

    private RequestPacer pacer(String streamId) {
        return pacers.computeIfAbsent(
                streamId, id -> new RequestPacer(shareOf(id), nanoClock, sleeper));
    }

    private double shareOf(String streamId) {
        Double share = shares.get(streamId);
        return share != null && share > 0 ? share : fallbackShare;
    }
}
