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
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToLongFunction;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The windows a split reader holds, in turn order, and the wake-ups of its fetcher thread: which
 * window to list next (the first due and unpaused one whose stream may be called soonest), waiting
 * while none is due, and a section in which a {@link #wakeUp()} interrupts a call.
 *
 * <p>Threading: {@link #awaitDue}, {@link #interruptibly}, {@link #takeTurn} and {@link #remove}
 * run on the fetcher thread; {@link #add}, {@link #pauseOrResume} and {@link #wakeUp} may come from
 * other threads. Everything is guarded by {@code lock}.
 */
@Internal
final class WindowTurns {

    /** Something to call while a wake-up may interrupt it. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws InterruptedException;
    }

    private final ToLongFunction<StreamRef> nextTurnNanos;
    private final Clock clock;
    private final Object lock = new Object();

    /** Assigned and unfinished windows, in turn order. */
    private final ArrayDeque<HeldWindow> windows = new ArrayDeque<>(); // guarded by lock

    private final Set<String> pausedSplitIds = new HashSet<>(); // guarded by lock
    private boolean wakeUpRequested; // guarded by lock
    @Nullable private Thread callingThread; // guarded by lock

    /**
     * @param nextTurnNanos when the next call to a stream could go, on any nano clock
     * @param clock the wall clock windows are due by
     */
    WindowTurns(ToLongFunction<StreamRef> nextTurnNanos, Clock clock) {
        this.nextTurnNanos = checkNotNull(nextTurnNanos, "nextTurnNanos must not be null");
        this.clock = checkNotNull(clock, "clock must not be null");
    }

    void add(HeldWindow window) {
        synchronized (lock) {
            windows.addLast(window);
            lock.notifyAll();
        }
    }

    /** Forgets a finished window. */
    void remove(HeldWindow window) {
        synchronized (lock) {
            windows.remove(window);
            pausedSplitIds.remove(window.splitId());
        }
    }

    void pauseOrResume(
            Collection<FragmentWindowSplit> toPause, Collection<FragmentWindowSplit> toResume) {
        synchronized (lock) {
            toPause.forEach(s -> pausedSplitIds.add(s.splitId()));
            toResume.forEach(s -> pausedSplitIds.remove(s.splitId()));
            lock.notifyAll();
        }
    }

    /** Schedules {@code window}'s next listing and sends it to the back of the turn order. */
    void takeTurn(HeldWindow window, long listedAtMillis, long intervalMillis) {
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
     *
     * @throws WokenUp when a wake-up ended the wait
     */
    @Nullable
    HeldWindow awaitDue() throws IOException, WokenUp {
        synchronized (lock) {
            while (true) {
                if (consumeWakeUp()) {
                    throw new WokenUp();
                }
                if (windows.isEmpty()) {
                    return null;
                }
                long now = clock.millis();
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
                        long turn = nextTurnNanos.applyAsLong(window.split().stream());
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

    /**
     * Makes {@code call}, which a {@link #wakeUp()} interrupts.
     *
     * @throws WokenUp when a wake-up came before or during the call
     * @throws InterruptedIOException when anything else interrupted it
     */
    <T> T interruptibly(Call<T> call, Object what) throws IOException, WokenUp {
        synchronized (lock) {
            if (consumeWakeUp()) {
                throw new WokenUp();
            }
            callingThread = Thread.currentThread();
        }
        try {
            return call.call();
        } catch (InterruptedException e) {
            synchronized (lock) {
                if (consumeWakeUp()) {
                    throw new WokenUp();
                }
            }
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while listing fragments: " + what);
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

    /** Ends a wait for a due window, or interrupts a call in progress. */
    void wakeUp() {
        synchronized (lock) {
            wakeUpRequested = true;
            if (callingThread != null) {
                callingThread.interrupt();
            }
            lock.notifyAll();
        }
    }

    private boolean consumeWakeUp() {
        boolean requested = wakeUpRequested;
        wakeUpRequested = false;
        return requested;
    }

    /** A wake-up ended a wait: return to the fetcher without losing the listing. */
    static final class WokenUp extends Exception {
        private static final long serialVersionUID = 1L;

        WokenUp() {
            super(null, null, false, false);
        }
    }
}
