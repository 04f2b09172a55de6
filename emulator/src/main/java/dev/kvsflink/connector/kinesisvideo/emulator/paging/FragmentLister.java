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

package dev.kvsflink.connector.kinesisvideo.emulator.paging;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.store.FragmentStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Range matching and page walking over a {@link FragmentStore}, shared by {@code ListFragments} and
 * the ground truth so that both agree by construction on what a range holds.
 *
 * <p>A range first narrows to candidate indices: by binary search on server timestamps when they
 * never decrease, widened by the store's largest producer skew for the producer selector; each
 * candidate is then matched exactly (inclusive at both ends, on the fragment's start timestamp).
 */
public final class FragmentLister {

    /** One page: the fragments found and where the next page starts. */
    public record Page(List<EmulatedFragment> fragments, long nextOffset) {}

    private FragmentLister() {}

    /**
     * The candidate indices {@code [lo, hi)} among the first {@code count} fragments: a superset of
     * those in the range, usually little larger.
     */
    public static long[] candidateRange(
            FragmentStore store, SelectorType selector, long startMs, long endMs, long count) {
        // Read the flag after the count: a store only turns non-monotone, so if it still is, the
        // first count fragments are.
        if (!store.serverTimestampsMonotone()) {
            return new long[] {0, count};
        }
        long widen =
                selector == SelectorType.PRODUCER_TIMESTAMP ? store.maxProducerSkewMillis() : 0;
        long lo = firstServerAtLeast(store, saturatedAdd(startMs, -widen), count);
        long hi = firstServerAtLeast(store, saturatedAdd(saturatedAdd(endMs, widen), 1), count);
        return new long[] {lo, Math.max(lo, hi)};
    }

    /** Whether fragment {@code index} starts within {@code [startMs, endMs]} on the selector. */
    public static boolean matches(
            FragmentStore store, SelectorType selector, long index, long startMs, long endMs) {
        long t =
                selector == SelectorType.PRODUCER_TIMESTAMP
                        ? store.producerMillis(index)
                        : store.serverMillis(index);
        return t >= startMs && t <= endMs;
    }

    /**
     * Walks the listing's shuffled candidates from its offset until {@code target} matching
     * fragments are found or the candidates run out.
     */
    public static Page walk(FragmentStore store, PageToken listing, int target) {
        IndexPermutation order =
                new IndexPermutation(listing.candidates(), listing.permutationSeed());
        List<EmulatedFragment> found = new ArrayList<>(Math.min(target, 1024));
        long position = listing.offset();
        while (found.size() < target && position < listing.candidates()) {
            long index = listing.lo() + order.apply(position++);
            if (matches(store, listing.selector(), index, listing.startMs(), listing.endMs())) {
                found.add(store.fragment(index));
            }
        }
        return new Page(found, position);
    }

    /** Every fragment among the first {@code count} in the range, in ingestion order. */
    public static List<EmulatedFragment> inRange(
            FragmentStore store, SelectorType selector, long startMs, long endMs, long count) {
        long[] range = candidateRange(store, selector, startMs, endMs, count);
        List<EmulatedFragment> result = new ArrayList<>();
        for (long index = range[0]; index < range[1]; index++) {
            if (matches(store, selector, index, startMs, endMs)) {
                result.add(store.fragment(index));
            }
        }
        return result;
    }

    private static long firstServerAtLeast(FragmentStore store, long millis, long count) {
        long lo = 0;
        long hi = count;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (store.serverMillis(mid) < millis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // Overflow iff both operands have the same sign and the sum's sign differs.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
