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

package dev.kvsflink.connector.kinesisvideo.emulator.store;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;

import java.time.Instant;
import java.util.Arrays;

/**
 * A stream that grows with the emulator's clock. Its history is a list of runs: a run starts at an
 * instant with a rate, and ends when the stream is paused or its rate changes. Fragment {@code k}
 * of a run has server timestamp {@code start + floor((k + 1) * period)}; everything is computed
 * from the runs, so nothing is stored per fragment and the answer for an instant never depends on
 * when it is asked.
 *
 * <p>Reads take no lock: they use the current (immutable) array of runs.
 */
public final class LiveFragmentStore implements FragmentStore {

    private static final long SALT_SKEW = 11;
    private static final long SALT_SIZE = 12;
    private static final long NANOS_PER_MS = 1_000_000;

    /** Fragments in {@code [firstIndex, firstIndex + countAt(endMs))}; endMs MAX_VALUE if open. */
    private record Run(long startMs, long periodNanos, long firstIndex, long endMs) {

        long countAt(long tMs) {
            long t = Math.min(tMs, endMs);
            if (t < startMs) {
                return 0;
            }
            // ts(k) = start + floor((k + 1) * P / 1e6) <= t  <=>  (k + 1) * P < (t - start + 1) *
            // 1e6
            long bound = (t - startMs + 1) * NANOS_PER_MS;
            return (bound - 1) / periodNanos;
        }

        long serverMillis(long k) {
            return startMs + (k + 1) * periodNanos / NANOS_PER_MS;
        }
    }

    private final LiveStreamSpec spec;
    private final long skewMs;
    private final long delayMs;
    private final FragmentNumberSequence numbers;
    private volatile Run[] runs;

    public LiveFragmentStore(LiveStreamSpec spec, Instant createdAt) {
        this.spec = spec;
        this.skewMs = spec.producerSkew().toMillis();
        this.delayMs = spec.visibilityDelay().toMillis();
        this.numbers = FragmentNumberSequence.fortySevenDigits(spec.seed());
        this.runs =
                new Run[] {
                    new Run(
                            createdAt.toEpochMilli(),
                            periodNanos(spec.ratePerSecond()),
                            0,
                            Long.MAX_VALUE)
                };
    }

    /** Stops producing at {@code now}; no effect when already paused. */
    public synchronized void pause(Instant now) {
        Run[] current = runs;
        Run last = current[current.length - 1];
        if (last.endMs() != Long.MAX_VALUE) {
            return;
        }
        Run[] next = current.clone();
        next[next.length - 1] =
                new Run(last.startMs(), last.periodNanos(), last.firstIndex(), now.toEpochMilli());
        runs = next;
    }

    /** Produces again from {@code now} at the current rate; no effect when not paused. */
    public synchronized void resume(Instant now) {
        Run last = runs[runs.length - 1];
        if (last.endMs() == Long.MAX_VALUE) {
            return;
        }
        startRun(now.toEpochMilli(), last.periodNanos());
    }

    /** Produces from {@code now} on at {@code ratePerSecond}, paused or not. */
    public synchronized void changeRate(double ratePerSecond, Instant now) {
        pause(now);
        startRun(now.toEpochMilli(), periodNanos(ratePerSecond));
    }

    /** Whether the stream is paused. */
    public boolean isPaused() {
        Run[] current = runs;
        return current[current.length - 1].endMs() != Long.MAX_VALUE;
    }

    private void startRun(long startMs, long periodNanos) {
        Run last = runs[runs.length - 1];
        long firstIndex = last.firstIndex() + last.countAt(last.endMs());
        Run[] next = Arrays.copyOf(runs, runs.length + 1);
        next[runs.length] =
                new Run(Math.max(startMs, last.endMs()), periodNanos, firstIndex, Long.MAX_VALUE);
        runs = next;
    }

    @Override
    public long heldCount(Instant now) {
        return countAt(now.toEpochMilli());
    }

    @Override
    public long visibleCount(Instant now) {
        return countAt(now.toEpochMilli() - delayMs);
    }

    private long countAt(long tMs) {
        Run[] current = runs;
        for (int r = current.length - 1; r >= 0; r--) {
            if (current[r].startMs() <= tMs) {
                return current[r].firstIndex() + current[r].countAt(tMs);
            }
        }
        return 0;
    }

    @Override
    public long serverMillis(long index) {
        Run run = runOf(index);
        return run.serverMillis(index - run.firstIndex());
    }

    @Override
    public long producerMillis(long index) {
        long skew = skewMs == 0 ? 0 : Mix.between(spec.seed(), index, SALT_SKEW, -skewMs, skewMs);
        return serverMillis(index) + skew;
    }

    @Override
    public EmulatedFragment fragment(long index) {
        Run run = runOf(index);
        long size =
                Mix.between(
                        spec.seed(),
                        index,
                        SALT_SIZE,
                        spec.minSizeInBytes(),
                        spec.maxSizeInBytes());
        return new EmulatedFragment(
                numbers.numberAt(index),
                size,
                Instant.ofEpochMilli(producerMillis(index)),
                Instant.ofEpochMilli(run.serverMillis(index - run.firstIndex())),
                Math.max(1, run.periodNanos() / NANOS_PER_MS));
    }

    /** The run holding {@code index}: the last one starting at or before it. */
    private Run runOf(long index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("index " + index);
        }
        Run[] current = runs;
        for (int r = current.length - 1; r >= 0; r--) {
            if (current[r].firstIndex() <= index) {
                return current[r];
            }
        }
        throw new IllegalStateException("no run holds index " + index);
    }

    @Override
    public boolean serverTimestampsMonotone() {
        return true;
    }

    @Override
    public long maxProducerSkewMillis() {
        return skewMs;
    }

    private static long periodNanos(double ratePerSecond) {
        return Math.max(1, Math.round(1e9 / ratePerSecond));
    }
}
