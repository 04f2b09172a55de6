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

import java.util.Collection;

/**
 * The fastest any reader can list streams under the service's quota: per stream 5 {@code
 * ListFragments} calls per second of at most 1000 fragments each, streams in parallel.
 *
 * <p>Pure arithmetic. A stream of {@code n} fragments needs at least {@code ceil(n / 1000)} calls
 * (one for an empty stream: listing it is what tells it is empty), so listing a set of streams
 * takes at least the largest {@code ceil(n / 1000) / 5} seconds among them.
 */
public final class PhysicalLimit {

    /** The service's {@code ListFragments} quota, calls per second and stream. */
    public static final double CALLS_PER_SECOND = 5.0;

    /** The largest page, {@code MaxResults}. */
    public static final int PAGE_SIZE = 1000;

    private PhysicalLimit() {}

    /** The fewest calls that list {@code fragments} fragments of one stream. */
    public static long minCalls(long fragments) {
        if (fragments < 0) {
            throw new IllegalArgumentException("fragments must be >= 0, was " + fragments);
        }
        return Math.max(1, (fragments + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** The fewest calls that list every stream, given each stream's fragment count. */
    public static long minCalls(Collection<Long> fragmentsPerStream) {
        return fragmentsPerStream.stream().mapToLong(PhysicalLimit::minCalls).sum();
    }

    /** The shortest time, in seconds, that lists every stream at the quota, streams in parallel. */
    public static double minSeconds(Collection<Long> fragmentsPerStream) {
        return fragmentsPerStream.stream()
                .mapToDouble(n -> minCalls(n) / CALLS_PER_SECOND)
                .max()
                .orElse(0);
    }
}
