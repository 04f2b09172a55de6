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
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;
import dev.kvsflink.connector.kinesisvideo.event.WindowCompletedEvent;
import dev.kvsflink.connector.kinesisvideo.event.WindowsRestoredEvent;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Hands out time windows of the configured streams on request, one split per request, never all up
 * front.
 *
 * <p><b>Assignment.</b> On a request from subtask {@code s} it picks, among the pending splits
 * {@code s} may take and the next planned window of every stream with fewer than {@code
 * source.stream.max-concurrent-windows} windows in flight, the one with the earliest start, so all
 * readers move through time together. A request that cannot be served because every stream is at
 * its bound waits until a window completes. The bound applies to planning new windows: pending
 * splits (handed back by a failed reader, or restored) are always assignable, so a restart never
 * waits on windows that were counted before it. When nothing is left for {@code s}, it signals no
 * more splits.
 *
 * <p><b>Watermark floor.</b> Each assigned split is stamped with the earliest start of every window
 * not assigned at that moment (pending splits and each stream's cursor); since windows are assigned
 * earliest first and cursors only advance, no later assignment to a reader starts before it.
 *
 * <p><b>Budget shares.</b> Each stream's {@code ListFragments} budget is divided among the readers
 * holding its windows ({@link BudgetShares}). A reader restored from a checkpoint reports the
 * windows it holds again ({@link WindowsRestoredEvent}), which count like assigned ones.
 *
 * <p><b>Threading.</b> Flink calls every method on the coordinator thread, and the enumerator does
 * no I/O, so all state is confined to that thread.
 */
@Internal
public final class KinesisVideoSplitEnumerator
        implements SplitEnumerator<FragmentWindowSplit, KinesisVideoEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisVideoSplitEnumerator.class);

    private final SplitEnumeratorContext<FragmentWindowSplit> context;
    private final int maxConcurrentWindows;

    /** Every stream's cursor, and the planning of its next window. */
    private final StreamCursors cursors;

    private final PendingSplits pending = new PendingSplits();

    /** The windows assigned and not completed, and who holds them; see {@link InFlightWindows}. */
    private final InFlightWindows inFlight = new InFlightWindows();

    /**
     * Per subtask, how many of its requests wait for a stream to get below its concurrency bound.
     * Counted, not just remembered: a reader asks once per split it wants to hold.
     */
    private final Map<Integer, Integer> waitingRequests = new LinkedHashMap<>();

    /**
     * Subtasks already told that no split will come. A reader asks once per split it wants to hold,
     * so its later requests can still arrive after the signal; signalling again could reach a
     * reader that has finished meanwhile, and Flink fails the job over an event sent to a finished
     * task. Cleared when the subtask's reader registers again after a failure.
     */
    private final Set<Integer> signalledNoMoreSplits = new HashSet<>();

    /** The tails each reader holds, spread evenly; see {@link TailSpread}. */
    private final TailSpread tails = new TailSpread();

    private final BudgetShares shares;

    public KinesisVideoSplitEnumerator(
            SplitEnumeratorContext<FragmentWindowSplit> context,
            FragmentSelectorType selector,
            KinesisVideoSourceSettings settings,
            KinesisVideoEnumeratorState state) {
        this(context, selector, settings, state, Clock.systemUTC());
    }

    @VisibleForTesting
    KinesisVideoSplitEnumerator(
            SplitEnumeratorContext<FragmentWindowSplit> context,
            FragmentSelectorType selector,
            KinesisVideoSourceSettings settings,
            KinesisVideoEnumeratorState state,
            Clock clock) {
        this.context = checkNotNull(context, "context must not be null");
        this.cursors =
                new StreamCursors(
                        state.cursors(),
                        TimeWindowPlanner.from(settings),
                        checkNotNull(selector, "selector must not be null"),
                        settings.settleLagMillis(selector),
                        checkNotNull(clock, "clock must not be null"));
        this.maxConcurrentWindows = settings.maxConcurrentWindows();
        this.shares =
                new BudgetShares(
                        context, inFlight, signalledNoMoreSplits, settings.listFragmentsBudget());
        state.pendingSplits().forEach(s -> pending.add(s, PendingSplits.UNOWNED));
    }

    @Override
    public void start() {
        LOG.info(
                "Starting the Kinesis Video split enumerator: {} stream(s), {} pending split(s)",
                cursors.size(),
                pending.size());
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        if (assignOrPark(subtaskId)) {
            // The readers' tail counts changed: a parked reader may now be the least loaded.
            serveWaitingReaders();
        }
    }

    @Override
    public void addSplitsBack(List<FragmentWindowSplit> splits, int subtaskId) {
        LOG.info(
                "Subtask {} failed; keeping {} split(s) for its restart", subtaskId, splits.size());
        Set<String> streams = new HashSet<>();
        for (FragmentWindowSplit split : splits) {
            inFlight.remove(split.stream().id(), split.splitId());
            streams.add(split.stream().id());
            pending.add(split, subtaskId);
            tails.remove(subtaskId, split.splitId());
        }
        waitingRequests.remove(subtaskId);
        // Its restart starts without shares: a new one must be sent even if it is the same.
        shares.forget(subtaskId);
        // The other readers of those streams may use the failed reader's part of the budget.
        streams.forEach(shares::send);
        // The failed reader's windows no longer count against their streams' bounds.
        serveWaitingReaders();
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for splits themselves, as many as they hold at once. A reader that
        // registers again is a restarted one: it has not been told anything yet.
        signalledNoMoreSplits.remove(subtaskId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof WindowCompletedEvent) {
            WindowCompletedEvent completed = (WindowCompletedEvent) event;
            onWindowCompleted(completed);
            shares.send(completed.streamId());
            serveWaitingReaders();
        } else if (event instanceof WindowsRestoredEvent) {
            onWindowsRestored(subtaskId, ((WindowsRestoredEvent) event).windows());
        } else {
            LOG.warn("Ignoring unknown event {} from subtask {}", event, subtaskId);
        }
    }

    @Override
    public KinesisVideoEnumeratorState snapshotState(long checkpointId) {
        return new KinesisVideoEnumeratorState(cursors.snapshot(), pending.splits());
    }

    @Override
    public void close() {}

    // ------------------------------------------------------------------------

    private void onWindowCompleted(WindowCompletedEvent event) {
        Integer holder = inFlight.remove(event.streamId(), event.splitId());
        if (holder != null) {
            tails.remove(holder, event.splitId());
        }
        cursors.adaptTo(event);
    }

    /**
     * Counts the windows a reader restored from its checkpoint as held by it, and tells the readers
     * of their streams their new shares: without this, a restored job plans windows beside them and
     * gives shares as if they did not exist. A window known already (the reader restarted alone)
     * stays counted once; one it completed since its checkpoint is read and counted again.
     */
    private void onWindowsRestored(int subtask, List<FragmentWindowSplit> windows) {
        LOG.info(
                "Subtask {} holds {} window(s) restored from its checkpoint",
                subtask,
                windows.size());
        Set<String> streams = new HashSet<>();
        for (FragmentWindowSplit window : windows) {
            inFlight.add(window.stream().id(), window.splitId(), subtask);
            if (cursors.isTail(window)) {
                tails.add(subtask, window.splitId());
            }
            streams.add(window.stream().id());
        }
        streams.forEach(shares::send);
    }

    /** Serves parked requests until no assignment changes the picture any more. */
    private void serveWaitingReaders() {
        boolean tailAssigned = true;
        while (tailAssigned) {
            tailAssigned = false;
            for (Integer subtask : new ArrayList<>(waitingRequests.keySet())) {
                int waiting = waitingRequests.remove(subtask);
                if (!context.registeredReaders().containsKey(subtask)) {
                    continue; // failed meanwhile: its restart asks again
                }
                for (int i = 0; i < waiting; i++) {
                    tailAssigned |= assignOrPark(subtask);
                }
            }
        }
    }

    /** Assigns a split to {@code subtask}, or parks its request; true if it got an open tail. */
    private boolean assignOrPark(int subtask) {
        FragmentWindowSplit split = takeEarliestFor(subtask);
        if (split != null) {
            FragmentWindowSplit stamped = split.withWatermarkFloor(unassignedFloorMillis());
            inFlight.add(split.stream().id(), split.splitId(), subtask);
            boolean tail = cursors.isTail(split);
            if (tail) {
                tails.add(subtask, split.splitId());
            }
            // The shares go first: events to one reader arrive in order, so the reader knows its
            // pace before it makes its first call for the window.
            shares.send(split.stream().id());
            LOG.debug("Assigning {} to subtask {}", stamped, subtask);
            context.assignSplit(stamped, subtask);
            return tail;
        } else if (cursors.allExhausted()) {
            waitingRequests.remove(subtask);
            if (signalledNoMoreSplits.add(subtask)) {
                LOG.info("No more splits for subtask {}", subtask);
                context.signalNoMoreSplits(subtask);
            }
        } else {
            waitingRequests.merge(subtask, 1, Integer::sum);
        }
        return false;
    }

    /** Removes and returns the earliest split {@code subtask} may take now, or null. */
    @Nullable
    private FragmentWindowSplit takeEarliestFor(int subtask) {
        FragmentWindowSplit best = pending.earliestFor(subtask);
        boolean planned = false;
        for (StreamCursor cursor : cursors.all()) {
            if (inFlight.count(cursor.stream().id()) >= maxConcurrentWindows) {
                continue;
            }
            FragmentWindowSplit next = cursors.nextWindow(cursor);
            if (next != null
                    && cursors.isTail(next)
                    && tails.holdsMoreThanAnother(
                            subtask, context.currentParallelism(), signalledNoMoreSplits)) {
                continue;
            }
            if (next != null && (best == null || next.startMillis() < best.startMillis())) {
                best = next;
                planned = true;
            }
        }
        if (best == null) {
            return null;
        }
        if (planned) {
            cursors.advancePast(best);
        } else {
            pending.remove(best);
        }
        return best;
    }

    /** The earliest start of any window not assigned now; MAX_VALUE when none is left. */
    private long unassignedFloorMillis() {
        return Math.min(pending.earliestStartMillis(), cursors.earliestNextStartMillis());
    }
}
