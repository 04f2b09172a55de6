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

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts fragments and sums an order-independent fingerprint of them, so that a run can be checked
 * against the ground truth: a lost fragment and a duplicate would leave the count right but the sum
 * wrong.
 *
 * <p>Thread-safe. The connector's sink adds to {@link #SINK}, a static tally: the MiniCluster runs
 * in this JVM, and one job runs at a time.
 */
public final class Tally {

    /** What the benchmark's sink received in the current run. */
    static final Tally SINK = new Tally();

    private final LongAdder count = new LongAdder();
    private final LongAdder fingerprintSum = new LongAdder();

    /** Adds one fragment of stream {@code streamName}. */
    public void add(String streamName, String fragmentNumber) {
        count.increment();
        fingerprintSum.add(fingerprint(streamName, fragmentNumber));
    }

    /** How many fragments were added. */
    public long count() {
        return count.sum();
    }

    /** The sum (modulo 2^64) of the fingerprints of the fragments added. */
    public long fingerprintSum() {
        return fingerprintSum.sum();
    }

    /** Forgets everything added. */
    public void reset() {
        count.reset();
        fingerprintSum.reset();
    }

    /** A 64-bit hash of a fragment's identity (stream and fragment number). */
    static long fingerprint(String streamName, String fragmentNumber) {
        long h = streamName.hashCode() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < fragmentNumber.length(); i++) {
            h = (h ^ fragmentNumber.charAt(i)) * 0x100000001B3L;
        }
        // The finalizer of SplitMix64: spreads every input bit over the whole word.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
