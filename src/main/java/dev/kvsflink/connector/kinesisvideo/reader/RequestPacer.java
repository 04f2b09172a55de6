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

import javax.annotation.concurrent.GuardedBy;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Paces one reader's calls to one stream at a rate that may change at any time: each call waits
 * until {@code 1 / rate} seconds have passed since the previous one was let through.
 *
 * <p>Why not Flink's {@code GuavaRateLimiter}: its rate is fixed when it is built (the share of a
 * reader changes whenever windows are assigned or completed), its interface changed between Flink
 * 1.20 ({@code acquire()}) and 2.x ({@code acquire(int)}), and Guava's limiter saves up to a second
 * of unused permits, so after a pause a reader could send twice its share within one second, which
 * is exactly what the service's per-second quota counts. This pacer saves nothing: calls are never
 * closer than the interval, so every one-second window holds at most {@code rate} calls of it.
 *
 * <p>A throttled answer halves the rate (down to 1/8 of the share): another consumer of the stream,
 * or a stale share, is using the quota. Each call let through afterwards raises the rate by a
 * quarter, so the full share is regained after 10 calls without throttling.
 *
 * <p>Thread-safe; {@link #awaitTurn()} is interruptible.
 */
@Internal
final class RequestPacer {

    /** How far throttling can slow a reader down, as a fraction of its share. */
    static final double MIN_SLOWDOWN = 1.0 / 8;

    /** How much each call let through raises a slowed-down rate. */
    private static final double RECOVERY = 1.25;

    /** Sleeps, interruptibly; a seam for tests. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper SYSTEM = nanos -> TimeUnit.NANOSECONDS.sleep(nanos);

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    @GuardedBy("this")
    private double share;

    @GuardedBy("this")
    private double slowdown = 1.0;

    @GuardedBy("this")
    private long lastTurnNanos;

    @GuardedBy("this")
    private boolean hadTurn;

    /** No turn before this (nano clock): the turn that was due when the share last grew. */
    @GuardedBy("this")
    private long increasedFromNanos = Long.MIN_VALUE;

    RequestPacer(double callsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        this.nanoClock = checkNotNull(nanoClock, "nanoClock must not be null");
        this.sleeper = checkNotNull(sleeper, "sleeper must not be null");
        setShare(callsPerSecond);
    }

    /**
     * Sets the calls per second this reader may send to the stream. A smaller share applies at
     * once; a larger one from the turn that was due at the old pace on. The readers whose shares
     * shrank at the same moment (the shares of a stream add up to its budget) have called at their
     * old pace during the last second, which the service's one-second window still counts: an
     * immediate catch-up call here would land in that window too.
     */
    synchronized void setShare(double callsPerSecond) {
        checkArgument(
                callsPerSecond > 0 && Double.isFinite(callsPerSecond),
                "callsPerSecond must be positive, was %s",
                callsPerSecond);
        if (hadTurn && callsPerSecond > share) {
            increasedFromNanos =
                    Math.max(increasedFromNanos, lastTurnNanos + intervalNanos(rate()));
        }
        share = callsPerSecond;
    }

    synchronized double share() {
        return share;
    }

    /** The rate calls are let through at now: the share, slowed down after throttling. */
    synchronized double rate() {
        return share * slowdown;
    }

    /** The service throttled a call: halve the rate. */
    synchronized void onThrottled() {
        slowdown = Math.max(MIN_SLOWDOWN, slowdown / 2);
    }

    /**
     * Waits until the next call may be sent, and counts it as sent.
     *
     * @throws InterruptedException when interrupted while waiting; the turn is then given back, so
     *     a wake-up (Flink wakes the fetcher for every split change) never pushes the next call
     *     further away
     */
    void awaitTurn() throws InterruptedException {
        Reservation reservation = reserve();
        long waitNanos = reservation.waitNanos;
        while (waitNanos > 0) {
            try {
                sleeper.sleepNanos(waitNanos);
            } catch (InterruptedException e) {
                giveBack(reservation);
                throw e;
            }
            waitNanos = postponed(reservation);
        }
    }

    /**
     * How much longer a reserved turn must wait because the rate fell while it waited (a smaller
     * share after another reader got a window of the stream, or a throttled answer): the turn moves
     * to one new interval after the previous one. Without this, the turns reserved at the old pace
     * would go out together with the other readers' first calls at their new shares.
     */
    private synchronized long postponed(Reservation reservation) {
        if (!reservation.previousHadTurn) {
            return 0;
        }
        long turn = reservation.previousTurnNanos + (long) (TimeUnit.SECONDS.toNanos(1) / rate());
        if (turn <= lastTurnNanos) {
            return 0;
        }
        lastTurnNanos = turn;
        return turn - nanoClock.getAsLong();
    }

    /** When the next call could go, on the pacer's nano clock; never before now. */
    synchronized long nextTurnNanos() {
        long now = nanoClock.getAsLong();
        if (!hadTurn) {
            return now;
        }
        return Math.max(Math.max(now, increasedFromNanos), lastTurnNanos + intervalNanos(rate()));
    }

    private static long intervalNanos(double rate) {
        return (long) (TimeUnit.SECONDS.toNanos(1) / rate);
    }

    /** Reserves the next turn; returns how long to wait for it and what it replaced. */
    private synchronized Reservation reserve() {
        Reservation reservation = new Reservation(lastTurnNanos, hadTurn, slowdown);
        long now = nanoClock.getAsLong();
        long turn = now;
        if (hadTurn) {
            turn =
                    Math.max(
                            Math.max(now, increasedFromNanos),
                            lastTurnNanos + intervalNanos(rate()));
        }
        hadTurn = true;
        lastTurnNanos = turn;
        slowdown = Math.min(1.0, slowdown * RECOVERY);
        reservation.turnNanos = turn;
        reservation.waitNanos = turn - now;
        return reservation;
    }

    /**
     * Undoes a reservation whose call was never sent, if it is still the last one. A pacer shared
     * by several threads (a reader's {@code GetDataEndpoint} calls) may have reserved later turns
     * meanwhile: rolling back past them would hand their turns out again, two calls at once, so the
     * abandoned turn is then left unused.
     */
    private synchronized void giveBack(Reservation reservation) {
        if (lastTurnNanos != reservation.turnNanos) {
            return;
        }
        lastTurnNanos = reservation.previousTurnNanos;
        hadTurn = reservation.previousHadTurn;
        slowdown = reservation.previousSlowdown;
    }

    /** A reserved turn, with the pacer's state before it. */
    private static final class Reservation {
        final long previousTurnNanos;
        final boolean previousHadTurn;
        final double previousSlowdown;
        long turnNanos;
        long waitNanos;

        Reservation(long previousTurnNanos, boolean previousHadTurn, double previousSlowdown) {
            this.previousTurnNanos = previousTurnNanos;
            this.previousHadTurn = previousHadTurn;
            this.previousSlowdown = previousSlowdown;
        }
    }
}
