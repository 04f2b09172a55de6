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

/**
 * Stateless pseudo-random numbers keyed by (seed, index, salt): what lets a synthetic stream
 * compute any fragment on demand, in any order, and always get the same answer.
 *
 * <p>SplitMix64's finalizer: cheap, and good enough to look random to tests and connectors.
 */
public final class Mix {

    private Mix() {}

    /** A well-mixed 64-bit value of {@code x}. */
    public static long mix64(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    /** A pseudo-random 64-bit value for one (seed, index, salt) triple. */
    public static long hash(long seed, long index, long salt) {
        return mix64(seed * 0x9e3779b97f4a7c15L + mix64(index + 0x632be59bd9b4e019L * salt));
    }

    /** A pseudo-random value in {@code [0, bound)} for one (seed, index, salt); bound > 0. */
    public static long below(long seed, long index, long salt, long bound) {
        return Math.floorMod(hash(seed, index, salt), bound);
    }

    /** A pseudo-random value in {@code [min, max]} for one (seed, index, salt); min <= max. */
    public static long between(long seed, long index, long salt, long min, long max) {
        return min + below(seed, index, salt, max - min + 1);
    }

    /** A pseudo-random double in {@code [0, 1)} for one (seed, index, salt). */
    public static double unit(long seed, long index, long salt) {
        return (hash(seed, index, salt) >>> 11) * 0x1.0p-53;
    }
}
