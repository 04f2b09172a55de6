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

package dev.kvsflink.examples.sensorjoin;

import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.util.Preconditions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The seeded synthetic readings of the sensor-join example: reading {@code i} is a pure function of
 * the seed and {@code i}, so {@code DataGeneratorSource} produces the same readings in every run
 * and at every parallelism, and a test can compute them again offline with {@link #all()}.
 *
 * <p>Reading {@code i} is taken at {@code start + i * interval + jitter} (jitter below the
 * interval, so timestamps grow strictly with {@code i} and stay before {@code end}), by the sensor
 * of one of the cameras drawn at random, and reads between -5.0 and 34.9 °C.
 */
public final class SensorReadings implements GeneratorFunction<Long, SensorReading> {
    private static final long serialVersionUID = 1L;

    private final String[] cameras;
    private final long startMillis;
    private final long intervalMillis;
    private final long count;
    private final long seed;

    private SensorReadings(
            String[] cameras, long startMillis, long intervalMillis, long count, long seed) {
        this.cameras = cameras;
        this.startMillis = startMillis;
        this.intervalMillis = intervalMillis;
        this.count = count;
        this.seed = seed;
    }

    /** Readings for {@code cameras} over {@code [start, end)}, one every {@code interval}. */
    public static SensorReadings of(
            List<String> cameras, Instant start, Instant end, Duration interval, long seed) {
        Preconditions.checkArgument(!cameras.isEmpty(), "at least one camera is needed");
        Preconditions.checkArgument(start.isBefore(end), "start must be before end");
        long intervalMillis = interval.toMillis();
        Preconditions.checkArgument(intervalMillis >= 1, "the interval must be at least 1 ms");
        long count = (end.toEpochMilli() - start.toEpochMilli()) / intervalMillis;
        return new SensorReadings(
                cameras.toArray(String[]::new), start.toEpochMilli(), intervalMillis, count, seed);
    }

    /** How many readings there are. */
    public long count() {
        return count;
    }

    /** Reading {@code index} (0 to {@code count() - 1}). */
    @Override
    public SensorReading map(Long index) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + index);
        String camera = cameras[(int) Math.floorMod(h, (long) cameras.length)];
        long jitter = Math.floorMod(h >>> 16, intervalMillis);
        long deciCelsius = -50 + Math.floorMod(h >>> 40, 400L);
        return new SensorReading(
                camera, startMillis + index * intervalMillis + jitter, deciCelsius);
    }

    /** Every reading, in index (and so timestamp) order. */
    public Stream<SensorReading> all() {
        return LongStream.range(0, count).mapToObj(this::map);
    }

    /** SplitMix64's finalizer: a well-spread hash of a long. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
