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

package dev.kvsflink.connector.kinesisvideo.metrics;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics of one source reader, registered on its {@link SourceReaderMetricGroup}.
 *
 * <p>FLIP-33 standard metrics: {@code numRecordsIn}, {@code currentEmitEventTimeLag} and {@code
 * watermarkLag} are computed by Flink; this class feeds {@code pendingRecords} (fragments listed
 * but not yet emitted: a window is listed whole before it is emitted) and {@code
 * currentFetchEventTimeLag} (when the last emitted fragment's window finished listing, minus the
 * fragment's selected timestamp).
 *
 * <p>Connector counters: {@value #LIST_FRAGMENTS_CALLS} (calls the reader made, one per page
 * requested), {@value #PAGES} (pages received), {@value #FRAGMENTS_FETCHED} (fragments listed
 * inside their windows, duplicates removed), {@value #WINDOWS_COMPLETED} (windows emitted whole),
 * {@value #THROTTLED_CALLS} (attempts answered with {@code ClientLimitExceededException}), {@value
 * #LATE_FRAGMENTS} (fragments that became listable only after their time was settled, and so were
 * not emitted; see {@code source.tail.consistency-lag}).
 *
 * <p>Per stream, in the group {@code stream=<name or ARN>} of the reader that holds the stream's
 * open window: {@value #WINDOW_LAG}, now minus the time up to which the stream is settled (the end
 * of its newest closed window), in ms. It stays near the settle lag while the reader keeps up.
 *
 * <p>Threading: the counters the fetchers update are thread-safe, as a reader may have several
 * fetcher threads ({@code source.reader.fetch-threads}); {@value #WINDOWS_COMPLETED} has the task
 * thread as its only writer; {@code pendingRecords} is shared and atomic.
 */
@Internal
public final class KinesisVideoSourceReaderMetrics {

    public static final String LIST_FRAGMENTS_CALLS = "listFragmentsCalls";
    public static final String PAGES = "pages";
    public static final String FRAGMENTS_FETCHED = "fragmentsFetched";
    public static final String WINDOWS_COMPLETED = "windowsCompleted";
    public static final String THROTTLED_CALLS = "throttledCalls";
    public static final String CURRENT_FETCH_EVENT_TIME_LAG = "currentFetchEventTimeLag";
    public static final String LATE_FRAGMENTS = "lateFragments";
    public static final String WINDOW_LAG = "windowLag";
    public static final String STREAM_GROUP = "stream";

    private final Counter listFragmentsCalls;
    private final Counter pages;
    private final Counter fragmentsFetched;
    private final Counter windowsCompleted;
    private final Counter throttledCalls;
    private final Counter lateFragments;
    private final SourceReaderMetricGroup group;
    private final Clock clock;

    /** Per stream id, the time up to which its open window is settled (task thread only). */
    private final Map<String, Long> settledUntilByStream = new ConcurrentHashMap<>();

    private final AtomicLong pendingRecords = new AtomicLong();
    private volatile long fetchEventTimeLag = -1;

    public KinesisVideoSourceReaderMetrics(SourceReaderMetricGroup group) {
        this(group, Clock.systemUTC());
    }

    public KinesisVideoSourceReaderMetrics(SourceReaderMetricGroup group, Clock clock) {
        this.group = group;
        this.clock = clock;
        this.lateFragments = group.counter(LATE_FRAGMENTS, new ThreadSafeSimpleCounter());
        this.listFragmentsCalls =
                group.counter(LIST_FRAGMENTS_CALLS, new ThreadSafeSimpleCounter());
        this.pages = group.counter(PAGES, new ThreadSafeSimpleCounter());
        this.fragmentsFetched = group.counter(FRAGMENTS_FETCHED, new ThreadSafeSimpleCounter());
        this.windowsCompleted = group.counter(WINDOWS_COMPLETED);
        this.throttledCalls = group.counter(THROTTLED_CALLS, new ThreadSafeSimpleCounter());
        group.setPendingRecordsGauge(pendingRecords::get);
        group.gauge(CURRENT_FETCH_EVENT_TIME_LAG, () -> fetchEventTimeLag);
    }

    /** Counts throttled attempts; give it to the client factory. */
    public ClientListener clientListener() {
        return new ClientListener() {
            @Override
            public void throttled(String operation, StreamRef stream) {
                throttledCalls.inc();
            }
        };
    }

    /** Fetcher thread: a {@code ListFragments} call is about to be sent. */
    public void listFragmentsCalled() {
        listFragmentsCalls.inc();
    }

    /** Fetcher thread: a page arrived. */
    public void pageReceived() {
        pages.inc();
    }

    /** Fetcher thread: a window was listed; {@code toEmit} of its fragments are handed over. */
    public void windowListed(long fragmentsInWindow, long toEmit) {
        fragmentsFetched.inc(fragmentsInWindow);
        pendingRecords.addAndGet(toEmit);
    }

    /** Task thread: a fragment was emitted, {@code fetchLagMillis} after its timestamp. */
    public void recordEmitted(long fetchLagMillis) {
        pendingRecords.decrementAndGet();
        fetchEventTimeLag = fetchLagMillis;
    }

    /** Fetcher thread: {@code count} late fragments were found and not emitted. */
    public void lateFragments(long count) {
        lateFragments.inc(count);
    }

    /**
     * Task thread: a settlement passed through the reader. {@code SourceReaderBase} counts every
     * element it hands to the emitter in {@code numRecordsIn}; a settlement is not a record, so it
     * is taken off again. ({@code SourceTestSuiteBase#testSourceMetrics} checks the sum against the
     * records written, on a tailing source.)
     */
    public void settlementHandled() {
        group.getIOMetricGroup().getNumRecordsInCounter().dec();
    }

    /** Task thread: {@code stream}'s open window is now settled up to {@code untilMillis}. */
    public void settled(StreamRef stream, long untilMillis) {
        if (settledUntilByStream.put(stream.id(), untilMillis) == null) {
            group.addGroup(STREAM_GROUP, stream.id())
                    .gauge(WINDOW_LAG, () -> windowLagMillis(stream.id()));
        }
    }

    /** Now minus the time up to which {@code streamId} is settled; -1 if unknown. */
    public long windowLagMillis(String streamId) {
        Long until = settledUntilByStream.get(streamId);
        return until == null ? -1 : clock.millis() - until;
    }

    /** Task thread: a window was emitted whole. */
    public void windowCompleted() {
        windowsCompleted.inc();
    }

    public long pendingRecords() {
        return pendingRecords.get();
    }

    public long currentFetchEventTimeLag() {
        return fetchEventTimeLag;
    }
}
