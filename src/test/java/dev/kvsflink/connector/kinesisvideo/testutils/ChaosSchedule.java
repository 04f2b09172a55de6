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

package dev.kvsflink.connector.kinesisvideo.testutils;

import org.apache.flink.api.common.functions.RichMapFunction;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a chaos run fails its job: failure {@code i} is thrown once the attempt it falls in has
 * passed {@code counts[i]} records, counted over all subtasks from the attempt's start. An attempt
 * fails at most once, so without other failures attempt {@code i} (its attempt number) ends in
 * failure {@code i}; the attempts after the last failure run undisturbed. The schedule lives
 * outside the job, in a static registry keyed by run, because task state is lost on every restart.
 *
 * <pre>{@code
 * ChaosSchedule schedule = ChaosSchedule.register("backfill", ChaosSchedule.withinTotal(random, 12, 2_400));
 * stream.map(schedule.failingMap());
 * }</pre>
 *
 * <p>Thread-safe: the subtasks of all attempts report to it.
 */
public final class ChaosSchedule {

    private static final Map<String, ChaosSchedule> RUNS = new ConcurrentHashMap<>();

    private final String run;
    private final long[] counts;

    // guarded by this
    private int fired;
    private int attempt = -1;
    private long recordsInAttempt;
    private boolean firedInAttempt;

    private ChaosSchedule(String run, long[] counts) {
        this.run = run;
        this.counts = counts;
    }

    /**
     * {@code points} counts that add up to at most {@code total}: the gaps between {@code points}
     * distinct record numbers drawn from {@code [1, total]}. A job that emits {@code total} records
     * is then sure to reach every point, however little each attempt made it past the last
     * checkpoint (an attempt never restores more than the records that came before it).
     */
    public static long[] withinTotal(Random random, int points, long total) {
        if (points > total) {
            throw new IllegalArgumentException(
                    "cannot place " + points + " failures among " + total + " records");
        }
        long[] cuts = random.longs(0, total).distinct().limit(points).map(c -> c + 1).toArray();
        Arrays.sort(cuts);
        long[] counts = new long[points];
        for (int i = 0; i < points; i++) {
            counts[i] = cuts[i] - (i == 0 ? 0 : cuts[i - 1]);
        }
        return counts;
    }

    /** {@code points} counts each drawn from {@code [1, max]}. */
    public static long[] uniform(Random random, int points, long max) {
        return random.longs(points, 1, max + 1).toArray();
    }

    /** Registers the schedule of {@code run}, replacing any earlier one of the same name. */
    public static ChaosSchedule register(String run, long[] counts) {
        ChaosSchedule schedule = new ChaosSchedule(run, counts.clone());
        RUNS.put(run, schedule);
        return schedule;
    }

    /** A map that passes records on and throws where this schedule says. */
    public <T> RichMapFunction<T, T> failingMap() {
        return new FailingMap<>(run);
    }

    /** The record counts, one per failure, in the order of the attempts they end. */
    public long[] counts() {
        return counts.clone();
    }

    /** How many failures were injected so far. */
    public synchronized int fired() {
        return fired;
    }

    /** The highest attempt number seen: the restarts so far, injected or not. */
    public synchronized int restarts() {
        return Math.max(attempt, 0);
    }

    /** Counts a record of {@code recordAttempt} and throws if the schedule says so. */
    synchronized void onRecord(int recordAttempt) {
        if (recordAttempt < attempt) {
            return; // a straggler of an attempt that already failed
        }
        if (recordAttempt > attempt) {
            attempt = recordAttempt;
            recordsInAttempt = 0;
            firedInAttempt = false;
        }
        recordsInAttempt++;
        if (!firedInAttempt && fired < counts.length && recordsInAttempt >= counts[fired]) {
            firedInAttempt = true;
            fired++;
            throw new InjectedFailure(
                    run
                            + ": failure "
                            + fired
                            + " of "
                            + counts.length
                            + ", injected after "
                            + recordsInAttempt
                            + " records of attempt "
                            + attempt);
        }
    }

    /** What a scheduled failure throws. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }

    /** Reports every record, with its task's attempt number, to the schedule of its run. */
    private static final class FailingMap<T> extends RichMapFunction<T, T> {
        private static final long serialVersionUID = 1L;

        private final String run;

        FailingMap(String run) {
            this.run = run;
        }

        @Override
        public T map(T value) {
            RUNS.get(run).onRecord(getRuntimeContext().getTaskInfo().getAttemptNumber());
            return value;
        }
    }
}
