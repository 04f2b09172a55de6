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

package dev.kvsflink.benchmarks;

/**
 * The figures of one run: one workload read by one configuration (the SDK baseline, or the
 * connector at one parallelism).
 *
 * @param workload the workload's name
 * @param configuration {@code baseline} or {@code connector-p<N>}
 * @param streams how many streams were read
 * @param fragments how many fragments the run read
 * @param expected how many fragments the ground truth holds
 * @param correct whether count and fingerprint sum both equal the ground truth's
 * @param wallSeconds from the first request (or job submission) to the last fragment (or job end)
 * @param physicalLimitSeconds the shortest possible time, see {@link PhysicalLimit}
 * @param baselineSeconds the baseline's wall time on the workload, NaN if it did not run
 * @param calls {@code ListFragments} requests the emulator received, throttled ones included
 * @param throttled {@code ListFragments} requests answered {@code ClientLimitExceededException}
 * @param minCalls the fewest calls that list the workload, see {@link PhysicalLimit}
 * @param getDataEndpointCalls {@code GetDataEndpoint} requests the emulator received
 * @param peakHeapBytes the largest heap use sampled during the run (garbage included)
 * @param peakLiveHeapBytes the largest heap use right after a garbage collection during the run
 * @param checkpointMidRunBytes the state size of the last checkpoint completed when half the
 *     fragments had been counted (the first one after, if none had completed); -1 if none
 * @param checkpointMaxBytes the largest checkpoint state size seen; -1 if none
 * @param days the length of the workload's range, in days
 */
public record RunResult(
        String workload,
        String configuration,
        int streams,
        long fragments,
        long expected,
        boolean correct,
        double wallSeconds,
        double physicalLimitSeconds,
        double baselineSeconds,
        long calls,
        long throttled,
        long minCalls,
        long getDataEndpointCalls,
        long peakHeapBytes,
        long peakLiveHeapBytes,
        long checkpointMidRunBytes,
        long checkpointMaxBytes,
        double days) {

    /** Fragments read per second of wall time. */
    public double fragmentsPerSecond() {
        return fragments / wallSeconds;
    }

    /** The physical limit's time over this run's: 1.0 means as fast as the quota allows. */
    public double ratioToLimit() {
        return physicalLimitSeconds / wallSeconds;
    }

    /** How many times faster than the baseline (baseline time over this run's); NaN if unknown. */
    public double speedupOverBaseline() {
        return baselineSeconds / wallSeconds;
    }

    /** Calls answered with a page, i.e. not throttled. */
    public long acceptedCalls() {
        return calls - throttled;
    }

    /** Accepted calls over the fewest possible: 1.0 means every page was full but the last. */
    public double callsOverMinimum() {
        return (double) acceptedCalls() / minCalls;
    }

    /** Throttled calls over all calls, in percent. */
    public double throttledPercent() {
        return calls == 0 ? 0 : 100.0 * throttled / calls;
    }

    /** Accepted calls per stream, scaled to a year of range (what listing a year would cost). */
    public double callsPerStreamYear() {
        return acceptedCalls() / (double) streams * 365.0 / days;
    }
}
