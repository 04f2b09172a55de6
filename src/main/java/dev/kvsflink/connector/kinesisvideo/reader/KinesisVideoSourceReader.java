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
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.core.io.InputStatus;

import dev.kvsflink.connector.kinesisvideo.event.StreamBudgetEvent;
import dev.kvsflink.connector.kinesisvideo.event.WindowCompletedEvent;
import dev.kvsflink.connector.kinesisvideo.event.WindowsRestoredEvent;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The reader of the Kinesis Video source: holds {@code source.reader.splits-in-flight} windows at
 * once (asks for them at start and one more whenever one is done, so the next window is listed
 * while the previous one is emitted), and tells the enumerator about each completed window.
 *
 * <p><b>Watermark floor.</b> Each split's own output makes its watermark exact, since its records
 * come in timestamp order. Flink registers a split's output when the split is added and releases it
 * when the split finishes; between that release and the next assignment nothing holds the reader's
 * combined watermark (the minimum over split outputs) back, so it may already have passed the start
 * of a window the reader receives next (another stream's window of the same time). So the reader
 * keeps one more split-local output, {@value #WATERMARK_FLOOR_OUTPUT_ID}, on which it emits {@code
 * floor - 1}: {@code floor} is the highest watermark floor stamped on the splits it received in
 * this run, which no later assignment starts before. It is also lowered to the earliest pending
 * timestamp of every held split that has not emitted yet: redundant under Flink's {@code
 * SourceOperator}, which registers those splits' outputs, but it keeps this class correct on its
 * own. The combined watermark therefore never passes a record this reader has yet to emit, whatever
 * the {@code WatermarkStrategy}.
 *
 * <p><b>Fetchers.</b> The windows are listed by up to {@code source.reader.fetch-threads} fetcher
 * threads, one stream's windows always on the same one ({@link StreamAffineFetcherManager}), so the
 * reader has calls to several streams in flight at once. They share one client ({@link
 * PacedClient}), which the reader closes, and which paces the calls to each stream to the shares
 * the enumerator sends ({@link StreamBudgetEvent}).
 *
 * <p><b>Finished windows.</b> A window's last element ({@link FetchedElement.Completed}) carries
 * how many fragments it held into the split's state; when the split finishes, the reader tells the
 * enumerator ({@link WindowCompletedEvent}).
 *
 * <p>Threading: everything here runs on the task (mailbox) thread.
 */
@Internal
final class KinesisVideoSourceReader
        extends SourceReaderBase<
                FetchedElement,
                KinesisVideoFragment,
                FragmentWindowSplit,
                FragmentWindowSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisVideoSourceReader.class);

    /** The id of the extra output that carries the floor; split ids always contain '|'. */
    @VisibleForTesting static final String WATERMARK_FLOOR_OUTPUT_ID = "kvs-watermark-floor";

    private final int splitsInFlight;
    private final StreamAffineFetcherManager fetcherManager;
    private final KinesisVideoSourceReaderMetrics metrics;
    private final FragmentSelectorType selector;
    private final PacedClient client;

    /** The state of every split this reader holds, by id (also kept by the base class). */
    private final Map<String, FragmentWindowSplitState> heldSplits = new HashMap<>();

    private long highestReceivedFloorMillis = Long.MIN_VALUE;
    private long emittedFloorMillis = Long.MIN_VALUE;
    @Nullable private SourceOutput<KinesisVideoFragment> floorOutput;
    private int outstandingRequests;
    private boolean noMoreSplits;
    private boolean started;

    KinesisVideoSourceReader(
            Supplier<SplitReader<FetchedElement, FragmentWindowSplit>> splitReaderSupplier,
            Configuration config,
            SourceReaderContext context,
            int splitsInFlight,
            int fetchThreads,
            KinesisVideoSourceReaderMetrics metrics,
            FragmentSelectorType selector,
            PacedClient client) {
        this(
                new StreamAffineFetcherManager(splitReaderSupplier, config, fetchThreads),
                config,
                context,
                splitsInFlight,
                metrics,
                selector,
                client);
    }

    private KinesisVideoSourceReader(
            StreamAffineFetcherManager fetcherManager,
            Configuration config,
            SourceReaderContext context,
            int splitsInFlight,
            KinesisVideoSourceReaderMetrics metrics,
            FragmentSelectorType selector,
            PacedClient client) {
        super(fetcherManager, new FragmentRecordEmitter(metrics), config, context);
        checkArgument(splitsInFlight >= 1, "splitsInFlight must be >= 1, was %s", splitsInFlight);
        this.fetcherManager = fetcherManager;
        this.splitsInFlight = splitsInFlight;
        this.metrics = checkNotNull(metrics, "metrics must not be null");
        this.selector = checkNotNull(selector, "selector must not be null");
        this.client = checkNotNull(client, "client must not be null");
    }

    /** Closes the client the fetchers shared ({@link PacedClient}) once they have stopped. */
    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            client.close();
        }
    }

    @Override
    public void start() {
        started = true;
        if (!heldSplits.isEmpty()) {
            List<FragmentWindowSplit> restored = new ArrayList<>();
            heldSplits.values().forEach(s -> restored.add(s.split()));
            context.sendSourceEventToCoordinator(new WindowsRestoredEvent(restored));
        }
        requestMoreSplits();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<KinesisVideoFragment> output) throws Exception {
        raiseWatermarkFloor(output);
        return super.pollNext(output);
    }

    @Override
    public void addSplits(List<FragmentWindowSplit> splits) {
        for (FragmentWindowSplit split : splits) {
            checkSelector(split);
        }
        // Splits restored from a checkpoint come before start(). Their stamps describe the
        // enumerator as it was when they were first assigned, which a restored enumerator may no
        // longer match (a split added back before the restore is pending again): only stamps of
        // this run count. Until one arrives, the restored splits hold the floor themselves.
        if (started) {
            for (FragmentWindowSplit split : splits) {
                highestReceivedFloorMillis =
                        Math.max(highestReceivedFloorMillis, split.watermarkFloorMillis());
            }
        }
        outstandingRequests = Math.max(0, outstandingRequests - splits.size());
        super.addSplits(splits);
        if (started) {
            // A tail answers a request without taking a place: ask again for the place it left.
            requestMoreSplits();
        }
    }

    /**
     * A window restored from a checkpoint keeps the selector it was cut for, while the enumerator
     * cuts new ones by the source's: mixed, the two would leave gaps and duplicates where the
     * clocks disagree. So a checkpoint resumes only with its own selector.
     */
    private void checkSelector(FragmentWindowSplit split) {
        if (split.selector() != selector) {
            throw new IllegalStateException(
                    String.format(
                            "The checkpoint's window %s is read by %s, but this source reads by %s:"
                                    + " a checkpoint or savepoint resumes only with the selector"
                                    + " it was taken with. Resume with selector %s, or read by %s"
                                    + " in a new job without the savepoint.",
                            split.splitId(),
                            split.selector(),
                            selector,
                            split.selector(),
                            selector));
        }
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof StreamBudgetEvent) {
            client.updateShares(((StreamBudgetEvent) event).sharesByStream());
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        // No split will ever come again: only the held ones can hold the watermark back.
        highestReceivedFloorMillis = Long.MAX_VALUE;
        super.notifyNoMoreSplits();
    }

    @Override
    protected FragmentWindowSplitState initializedState(FragmentWindowSplit split) {
        FragmentWindowSplitState state = new FragmentWindowSplitState(split);
        heldSplits.put(split.splitId(), state);
        return state;
    }

    @Override
    protected FragmentWindowSplit toSplitType(String splitId, FragmentWindowSplitState state) {
        return state.toSplit();
    }

    @Override
    protected void onSplitFinished(Map<String, FragmentWindowSplitState> finishedSplits) {
        fetcherManager.splitsFinished(finishedSplits.keySet());
        finishedSplits.forEach(
                (id, state) -> {
                    heldSplits.remove(id);
                    long count = Math.max(0, state.windowFragments());
                    context.sendSourceEventToCoordinator(
                            WindowCompletedEvent.of(state.split(), count));
                    metrics.windowCompleted();
                    LOG.debug("Completed {} ({} fragments in the window)", id, count);
                });
        requestMoreSplits();
    }

    private void requestMoreSplits() {
        if (noMoreSplits) {
            return;
        }
        // A window that ends after now is held until time has passed it, forever for a stream's
        // open tail: it must not take the place of the windows to come (with more streams than
        // readers there are more tails than a reader has places).
        long now = System.currentTimeMillis();
        long closed =
                heldSplits.values().stream().filter(s -> s.split().endMillis() <= now).count();
        while (closed + outstandingRequests < splitsInFlight) {
            outstandingRequests++;
            context.sendSplitRequest();
        }
    }

    /** Emits the floor on its own output when it rose; see the class comment. */
    private void raiseWatermarkFloor(ReaderOutput<KinesisVideoFragment> output) {
        if (floorOutput == null) {
            // Registered before any split output can be released, at Long.MIN_VALUE: from now
            // on it holds the combined watermark until a floor is known.
            floorOutput = output.createOutputForSplit(WATERMARK_FLOOR_OUTPUT_ID);
        }
        long floor = watermarkFloorMillis();
        if (floor > emittedFloorMillis) {
            emittedFloorMillis = floor;
            floorOutput.emitWatermark(new Watermark(floor - 1));
        }
    }

    @VisibleForTesting
    long watermarkFloorMillis() {
        long floor = highestReceivedFloorMillis;
        for (FragmentWindowSplitState state : heldSplits.values()) {
            if (!state.isEmitting()) {
                floor = Math.min(floor, state.earliestPendingMillis());
            }
        }
        return floor;
    }
}
