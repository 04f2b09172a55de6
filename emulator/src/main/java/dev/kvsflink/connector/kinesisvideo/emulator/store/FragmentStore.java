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

import java.time.Instant;

/**
 * The fragments of one emulated stream, addressed by their index in ingestion order (index 0 is the
 * oldest). Internal to the emulator.
 *
 * <p>Contract that paging and ground truth rely on: fragments only ever get appended, so what is
 * held (or visible) at an instant is a prefix {@code [0, count)} of the indices, and a fragment's
 * fields never change once it exists. Timestamps are epoch milliseconds. Implementations are
 * thread-safe.
 */
public interface FragmentStore {

    /** The number of fragments the service holds at {@code now}. */
    long heldCount(Instant now);

    /**
     * The number of fragments that {@code ListFragments} lists at {@code now}: the held ones less
     * those still inside the visibility delay (eventual consistency).
     */
    long visibleCount(Instant now);

    /** The server timestamp of fragment {@code index}, in epoch milliseconds. */
    long serverMillis(long index);

    /** The producer timestamp of fragment {@code index}, in epoch milliseconds. */
    long producerMillis(long index);

    /** Fragment {@code index}, with all its fields. */
    EmulatedFragment fragment(long index);

    /**
     * Whether server timestamps never decrease with the index over every index held so far, which
     * lets a range be mapped to an index range by binary search.
     */
    boolean serverTimestampsMonotone();

    /** An upper bound of {@code |producer - server|} over every index held so far, in ms. */
    long maxProducerSkewMillis();
}
