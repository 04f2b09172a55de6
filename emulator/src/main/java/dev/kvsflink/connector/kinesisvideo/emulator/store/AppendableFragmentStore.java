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
import java.util.Arrays;

/**
 * Fragments written one by one through the Java API; every appended fragment is listable at once
 * (tests write exactly what they expect to read).
 *
 * <p>Appends are serialized; reads take no lock. A reader reads {@link #count} (volatile) before
 * the array, and an array is only published once it holds every element below the count that
 * follows, so a reader never sees a missing element.
 */
public final class AppendableFragmentStore implements FragmentStore {

    private final Object appendLock = new Object();
    private volatile EmulatedFragment[] fragments = new EmulatedFragment[64];
    private volatile int count;
    private volatile boolean serverMonotone = true;
    private volatile long maxSkewMillis;

    /**
     * Appends {@code fragment} after the last one.
     *
     * @throws IllegalArgumentException if its number is not greater than the last fragment's: the
     *     service numbers fragments in ingestion order
     */
    public void append(EmulatedFragment fragment) {
        synchronized (appendLock) {
            int n = count;
            EmulatedFragment[] array = fragments;
            if (n > 0) {
                EmulatedFragment last = array[n - 1];
                if (EmulatedFragment.FRAGMENT_NUMBER_ORDER.compare(
                                fragment.fragmentNumber(), last.fragmentNumber())
                        <= 0) {
                    throw new IllegalArgumentException(
                            "fragment numbers must grow with ingestion order: "
                                    + fragment.fragmentNumber()
                                    + " does not follow "
                                    + last.fragmentNumber());
                }
                if (fragment.serverTimestamp().isBefore(last.serverTimestamp())) {
                    serverMonotone = false;
                }
            }
            if (n == array.length) {
                array = Arrays.copyOf(array, n * 2);
            }
            array[n] = fragment;
            long skew =
                    Math.abs(
                            fragment.producerTimestamp().toEpochMilli()
                                    - fragment.serverTimestamp().toEpochMilli());
            maxSkewMillis = Math.max(maxSkewMillis, skew);
            fragments = array;
            count = n + 1;
        }
    }

    /** The last fragment appended, or {@code null} if none. */
    public EmulatedFragment last() {
        int n = count;
        return n == 0 ? null : fragments[n - 1];
    }

    @Override
    public long heldCount(Instant now) {
        return count;
    }

    @Override
    public long visibleCount(Instant now) {
        return count;
    }

    @Override
    public long serverMillis(long index) {
        return fragment(index).serverTimestamp().toEpochMilli();
    }

    @Override
    public long producerMillis(long index) {
        return fragment(index).producerTimestamp().toEpochMilli();
    }

    @Override
    public EmulatedFragment fragment(long index) {
        int n = count;
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("index " + index + " of " + n);
        }
        return fragments[(int) index];
    }

    @Override
    public boolean serverTimestampsMonotone() {
        return serverMonotone;
    }

    @Override
    public long maxProducerSkewMillis() {
        return maxSkewMillis;
    }
}
