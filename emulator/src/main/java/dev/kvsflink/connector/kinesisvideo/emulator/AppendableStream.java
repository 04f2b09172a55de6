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

package dev.kvsflink.connector.kinesisvideo.emulator;

import dev.kvsflink.connector.kinesisvideo.emulator.store.AppendableFragmentStore;
import dev.kvsflink.connector.kinesisvideo.emulator.store.FragmentNumberSequence;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A stream that holds exactly the fragments a test appends, in the order appended (its ingestion
 * order). An appended fragment is listable at once. Thread-safe.
 *
 * <pre>{@code
 * AppendableStream cam = emulator.createStream("cam-1");
 * EmulatedFragment f = cam.append(Instant.parse("2026-01-01T00:00:00Z"));
 * cam.append(new EmulatedFragment("91343852333181432392682062607743920146264772718",
 *         1_000, producerTs, serverTs, 2_000));
 * }</pre>
 */
public final class AppendableStream {

    /** Size of the fragments appended by the timestamp-only methods. */
    public static final long DEFAULT_SIZE_IN_BYTES = 1_000_000;

    /** Length of the fragments appended by the timestamp-only methods. */
    public static final long DEFAULT_LENGTH_MILLIS = 2_000;

    private final String name;
    private final String arn;
    private final AppendableFragmentStore store;
    private final FragmentNumberSequence numbers;

    AppendableStream(String name, String arn, AppendableFragmentStore store, long seed) {
        this.name = name;
        this.arn = arn;
        this.store = store;
        this.numbers = FragmentNumberSequence.fortySevenDigits(seed);
    }

    /** The stream's name. */
    public String name() {
        return name;
    }

    /** The stream's ARN. */
    public String arn() {
        return arn;
    }

    /**
     * Appends {@code fragment}.
     *
     * @throws IllegalArgumentException if its number does not exceed the last fragment's
     */
    public synchronized AppendableStream append(EmulatedFragment fragment) {
        store.append(fragment);
        return this;
    }

    /** Appends every fragment of {@code fragments}, in iteration order. */
    public synchronized AppendableStream appendAll(Collection<EmulatedFragment> fragments) {
        fragments.forEach(store::append);
        return this;
    }

    /** Appends and returns a fragment whose producer and server timestamps are both {@code ts}. */
    public EmulatedFragment append(Instant timestamp) {
        return append(timestamp, timestamp);
    }

    /**
     * Appends and returns a fragment with these timestamps, the next 47-digit fragment number, a
     * size of {@link #DEFAULT_SIZE_IN_BYTES} and a length of {@link #DEFAULT_LENGTH_MILLIS}.
     */
    public EmulatedFragment append(Instant producerTimestamp, Instant serverTimestamp) {
        // Same lock as the other appends: the number chosen here must still follow the last one.
        synchronized (this) {
            EmulatedFragment last = store.last();
            String number = numbers.numberAt(store.heldCount(Instant.EPOCH));
            if (last != null
                    && EmulatedFragment.FRAGMENT_NUMBER_ORDER.compare(number, last.fragmentNumber())
                            <= 0) {
                number = last.fragmentNumberValue().add(BigInteger.ONE).toString();
            }
            EmulatedFragment fragment =
                    new EmulatedFragment(
                            number,
                            DEFAULT_SIZE_IN_BYTES,
                            producerTimestamp,
                            serverTimestamp,
                            DEFAULT_LENGTH_MILLIS);
            store.append(fragment);
            return fragment;
        }
    }

    /** How many fragments the stream holds. */
    public int size() {
        return (int) store.heldCount(Instant.EPOCH);
    }

    /** Every fragment, in ingestion order: a snapshot. */
    public List<EmulatedFragment> fragments() {
        int n = size();
        List<EmulatedFragment> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(store.fragment(i));
        }
        return all;
    }

    @Override
    public String toString() {
        return "AppendableStream{" + arn + ", " + size() + " fragments}";
    }
}
