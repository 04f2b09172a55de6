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
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A stream whose every fragment is computed from its index and a {@link SyntheticStreamSpec}, so
 * that ten million fragments cost the memory of their outage table only. Every fragment is held and
 * visible from the start. See the spec for the shape of the timestamps.
 */
public final class SyntheticFragmentStore implements FragmentStore {

    private static final long MINUTE_MS = 60_000;
    private static final int SKEW_BLOCK = 500;
    private static final long SALT_JITTER = 1;
    private static final long SALT_TIE = 2;
    private static final long SALT_SKEW_BLOCK = 3;
    private static final long SALT_SKEW_NOISE = 4;
    private static final long SALT_SIZE = 5;

    private final SyntheticStreamSpec spec;
    private final long startMs;
    private final long intervalMs;
    private final long jitterMs;
    private final long skewMs;
    private final FragmentNumberSequence numbers;

    /** Sorted first indices after each outage, and the total outage time from that index on. */
    private final long[] outageIndex;

    private final long[] outageOffsetMs;

    public SyntheticFragmentStore(SyntheticStreamSpec spec) {
        this.spec = spec;
        this.startMs = spec.start().toEpochMilli();
        this.intervalMs = spec.interval().toMillis();
        this.jitterMs = spec.jitter().toMillis();
        this.skewMs = spec.producerSkew().toMillis();
        this.numbers =
                spec.digitChangeAt() == 0
                        ? FragmentNumberSequence.fortySevenDigits(spec.seed())
                        : FragmentNumberSequence.digitChangeAt(spec.seed(), spec.digitChangeAt());
        int outages = spec.fragments() < 2 ? 0 : spec.outages();
        this.outageIndex = new long[outages];
        this.outageOffsetMs = new long[outages];
        SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x07a6e5L);
        for (int k = 0; k < outages; k++) {
            outageIndex[k] = 1 + random.nextLong(spec.fragments() - 1);
        }
        Arrays.sort(outageIndex);
        long maxIntervals = Math.max(1, spec.outageLength().toMillis() / intervalMs);
        long total = 0;
        for (int k = 0; k < outages; k++) {
            // Whole intervals keep fragments after an outage on the minute grid.
            total += intervalMs * (1 + random.nextLong(maxIntervals));
            outageOffsetMs[k] = total;
        }
    }

    /** The spec this stream was computed from. */
    public SyntheticStreamSpec spec() {
        return spec;
    }

    @Override
    public long heldCount(Instant now) {
        return spec.fragments();
    }

    @Override
    public long visibleCount(Instant now) {
        return spec.fragments();
    }

    @Override
    public long serverMillis(long index) {
        return regularServerMillis(tieSource(index));
    }

    @Override
    public long producerMillis(long index) {
        long source = tieSource(index);
        long nominal = nominalMillis(source);
        if (isOnWholeMinute(nominal)) {
            return nominal;
        }
        return regularServerMillis(source) + skewMillis(source);
    }

    @Override
    public EmulatedFragment fragment(long index) {
        if (index < 0 || index >= spec.fragments()) {
            throw new IndexOutOfBoundsException("index " + index + " of " + spec.fragments());
        }
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
                Instant.ofEpochMilli(serverMillis(index)),
                intervalMs);
    }

    @Override
    public boolean serverTimestampsMonotone() {
        return true;
    }

    @Override
    public long maxProducerSkewMillis() {
        return skewMs;
    }

    /** The index whose timestamps {@code index} repeats: itself unless it is a tie. */
    private long tieSource(long index) {
        long source = index;
        while (source > 0 && Mix.unit(spec.seed(), source, SALT_TIE) < spec.tieProbability()) {
            source--;
        }
        return source;
    }

    private long nominalMillis(long index) {
        int k = Arrays.binarySearch(outageIndex, index);
        // Last outage whose first index is <= index (insertion point - 1 when not found).
        int last = k >= 0 ? lastOf(k) : -k - 2;
        long offset = last < 0 ? 0 : outageOffsetMs[last];
        return startMs + index * intervalMs + offset;
    }

    /** Two outages can start at the same index: take the last, which holds their sum. */
    private int lastOf(int k) {
        while (k + 1 < outageIndex.length && outageIndex[k + 1] == outageIndex[k]) {
            k++;
        }
        return k;
    }

    private long regularServerMillis(long index) {
        long nominal = nominalMillis(index);
        if (isOnWholeMinute(nominal) || jitterMs == 0) {
            return nominal;
        }
        return nominal + Mix.below(spec.seed(), index, SALT_JITTER, jitterMs + 1);
    }

    private long skewMillis(long index) {
        if (skewMs == 0) {
            return 0;
        }
        long block = index / SKEW_BLOCK;
        long offset =
                Math.round((Mix.unit(spec.seed(), block, SALT_SKEW_BLOCK) * 2 - 1) * 0.8 * skewMs);
        long noise =
                Math.round((Mix.unit(spec.seed(), index, SALT_SKEW_NOISE) * 2 - 1) * 0.2 * skewMs);
        return Math.max(-skewMs, Math.min(skewMs, offset + noise));
    }

    private static boolean isOnWholeMinute(long millis) {
        return Math.floorMod(millis, MINUTE_MS) == 0;
    }
}
