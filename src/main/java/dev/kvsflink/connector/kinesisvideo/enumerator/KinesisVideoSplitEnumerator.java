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
import dev.kvsflink.connector.kinesisvideo.event.StreamBudgetEvent;
import dev.kvsflink.connector.kinesisvideo.event.WindowCompletedEvent;
import dev.kvsflink.connector.kinesisvideo.event.WindowsRestoredEvent;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
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
 * holding its windows, by the windows they hold ({@link StreamBudgetEvent}). A reader restored from
 * a checkpoint reports the windows it holds again ({@link WindowsRestoredEvent}), which count like
 * assigned ones. A reader told that no split will come is sent nothing more, as it may have
 * finished: it keeps its shares, and the others share the rest.
 *
 * <p><b>Threading.</b> Flink calls every method on the coordinator thread, and the enumerator does
 * no I/O, so all state is confined to that thread.
 */
@Internal
public final class KinesisVideoSplitEnumerator
        implements SplitEnumerator<FragmentWindowSplit, KinesisVideoEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisVideoSplitEnumerator.class);

    private final SplitEnumeratorContext<FragmentWindowSplit> context;
    private final FragmentSelectorType selector;
    private final TimeWindowPlanner planner;
    private final int maxConcurrentWindows;
    private final double listFragmentsBudget;
    private final long settleLagMillis;
    private final Clock clock;

    /** Per stream id, in configured order. */
    private final Map<String, StreamCursor> cursors = new LinkedHashMap<>();

    private final PendingSplits pending = new PendingSplits();

    /** The windows assigned and not completed, and who holds them; see {@link InFlightWindows}. */
    private final InFlightWindows inFlight = new InFlightWindows();

    /** The shares last sent to each subtask, so that only changes are sent. */
    private final Map<Integer, Map<String, Double>> sentShares = new HashMap<>();

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

    /**
     * Per subtask, the ids of the tails this enumerator gave it: windows that reached past the
     * settled time when planned (a stream's open tail, or the last window of a range that ends near
     * or after now). A tail is held until time passes its end, forever for an open one, so tails
     * are spread evenly: a reader gets the next tail only if no other reader holds fewer.
     */
    private final Map<Integer, Set<String>> tailsBySubtask = new HashMap<>();

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
        this.selector = checkNotNull(selector, "selector must not be null");
        this.planner = TimeWindowPlanner.from(settings);
        this.maxConcurrentWindows = settings.maxConcurrentWindows();
        this.listFragmentsBudget = settings.listFragmentsBudget();
        this.settleLagMillis = settings.settleLagMillis(selector);
        this.clock = checkNotNull(clock, "clock must not be null");
        state.cursors().forEach(c -> cursors.put(c.stream().id(), c));
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
            tailsOf(subtaskId).remove(split.splitId());
        }
        waitingRequests.remove(subtaskId);
        // Its restart starts without shares: a new one must be sent even if it is the same.
        sentShares.remove(subtaskId);
        // The other readers of those streams may use the failed reader's part of the budget.
        streams.forEach(this::sendShares);
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
            sendShares(completed.streamId());
            serveWaitingReaders();
        } else if (event instanceof WindowsRestoredEvent) {
            onWindowsRestored(subtaskId, ((WindowsRestoredEvent) event).windows());
        } else {
            LOG.warn("Ignoring unknown event {} from subtask {}", event, subtaskId);
        }
    }

    @Override
    public KinesisVideoEnumeratorState snapshotState(long checkpointId) {
        return new KinesisVideoEnumeratorState(new ArrayList<>(cursors.values()), pending.splits());
    }

    @Override
    public void close() {}

    // ------------------------------------------------------------------------

    private void onWindowCompleted(WindowCompletedEvent event) {
        Integer holder = inFlight.remove(event.streamId(), event.splitId());
        if (holder != null) {
            tailsOf(holder).remove(event.splitId());
        }
        StreamCursor cursor = cursors.get(event.streamId());
        if (cursor != null && !cursor.isExhausted()) {
            long length = planner.adaptedLength(event.lengthMillis(), event.fragmentCount());
            LOG.debug(
                    "Window {} held {} fragments; next windows of {} are {} ms long",
                    event.splitId(),
                    event.fragmentCount(),
                    event.streamId(),
                    length);
            cursors.put(event.streamId(), cursor.withWindowLength(length));
        }
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
            if (isTail(window)) {
                tailsOf(subtask).add(window.splitId());
            }
            streams.add(window.stream().id());
        }
        streams.forEach(this::sendShares);
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
            boolean tail = isTail(split);
            if (tail) {
                tailsOf(subtask).add(split.splitId());
            }
            // The shares go first: events to one reader arrive in order, so the reader knows its
            // pace before it makes its first call for the window.
            sendShares(split.stream().id());
            LOG.debug("Assigning {} to subtask {}", stamped, subtask);
            context.assignSplit(stamped, subtask);
            return tail;
        } else if (allCursorsExhausted()) {
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
        for (StreamCursor cursor : cursors.values()) {
            if (inFlightCount(cursor) >= maxConcurrentWindows) {
                continue;
            }
            FragmentWindowSplit next = planner.nextWindow(cursor, selector, horizonMillis());
            if (next != null && isTail(next) && holdsMoreTailsThanAnother(subtask)) {
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
            String id = best.stream().id();
            cursors.put(id, cursors.get(id).advancedTo(best.endMillis()));
        } else {
            pending.remove(best);
        }
        return best;
    }

    /** Whether {@code split} reaches past the settled time, so its reader holds it long. */
    private boolean isTail(FragmentWindowSplit split) {
        return split.endMillis() > horizonMillis();
    }

    private Set<String> tailsOf(int subtask) {
        return tailsBySubtask.computeIfAbsent(subtask, k -> new HashSet<>());
    }

    /**
     * Whether some other reader holds fewer tails than {@code subtask}. Every reader of the source
     * counts, registered or not yet: readers register one by one, and the first one must not take
     * the tails of those still starting (they would then be told that no split is left, and finish,
     * while one reader follows several streams).
     */
    private boolean holdsMoreTailsThanAnother(int subtask) {
        int mine = tailsOf(subtask).size();
        for (int reader = 0; reader < context.currentParallelism(); reader++) {
            if (signalledNoMoreSplits.contains(reader)) {
                continue; // finished: it takes no tail any more
            }
            if (tailsOf(reader).size() < mine) {
                return true;
            }
        }
        return false;
    }

    /** The earliest start of any window not assigned now; MAX_VALUE when none is left. */
    private long unassignedFloorMillis() {
        long floor = pending.earliestStartMillis();
        for (StreamCursor cursor : cursors.values()) {
            if (!cursor.isExhausted()) {
                floor = Math.min(floor, cursor.nextStartMillis());
            }
        }
        return floor;
    }

    private int inFlightCount(StreamCursor cursor) {
        return inFlight.count(cursor.stream().id());
    }

    /**
     * Sends their new shares to the readers of {@code streamId} whose shares changed. A reader that
     * no longer holds a window of the stream is not told: it makes no more calls to it. Nor is a
     * reader told that no split will come: it may have finished while the report of its last window
     * is on its way, and Flink fails the job over an event sent to a finished task. It keeps the
     * shares it has, and the other readers share the rest.
     */
    private void sendShares(String streamId) {
        Map<Integer, Map<String, Double>> fixed = new HashMap<>();
        for (int subtask : signalledNoMoreSplits) {
            fixed.put(subtask, sentShares.getOrDefault(subtask, Map.of()));
        }
        for (int subtask : inFlight.holdersOf(streamId)) {
            if (!context.registeredReaders().containsKey(subtask)) {
                continue; // failed: its windows come back through addSplitsBack
            }
            if (fixed.containsKey(subtask)) {
                continue;
            }
            Map<String, Double> shares = inFlight.sharesOf(subtask, listFragmentsBudget, fixed);
            if (!shares.equals(sentShares.get(subtask))) {
                sentShares.put(subtask, shares);
                LOG.debug("Request budget shares of subtask {}: {}", subtask, shares);
                context.sendEventToSourceReader(subtask, new StreamBudgetEvent(shares));
            }
        }
    }

    private boolean allCursorsExhausted() {
        return cursors.values().stream().allMatch(StreamCursor::isExhausted);
    }

    /** The time up to which fragments are surely listable now; see {@link TimeWindowPlanner}. */
    private long horizonMillis() {
        return clock.millis() - settleLagMillis;
    }
}
