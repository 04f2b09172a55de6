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

import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A set of synthetic streams and the time range read from all of them.
 *
 * <p>The quick set finishes in a few minutes on 2 cores; the full set is the one issue #7 asks for:
 * 1 stream of 1,000,000 fragments, 16 streams of 100,000, a sparse stream of one fragment a minute
 * over a year, and streams of mixed densities over a week.
 *
 * @param name the workload's short name, as given to {@code --workloads}
 * @param description what it is, for the table
 * @param streams the streams (names are prefixed with the workload's name)
 * @param start the range's start, inclusive
 * @param end the range's end, exclusive
 */
public record Workload(
        String name, String description, List<Stream> streams, Instant start, Instant end) {

    /** The names the quick and the full set use, in the order they run. */
    public static final List<String> NAMES = List.of("single", "multi16", "sparse", "mixed");

    private static final Instant DENSE_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SPARSE_START = Instant.parse("2025-01-01T00:00:00Z");

    /**
     * One stream of the workload.
     *
     * @param name the stream's name in the emulator
     * @param spec how its fragments are generated
     */
    public record Stream(String name, SyntheticStreamSpec spec) {}

    /** The range's length in days, e.g. to scale calls to a year. */
    public double days() {
        return Duration.between(start, end).toMillis() / 86_400_000.0;
    }

    /** The workloads of the quick ({@code full == false}) or the full set, by name. */
    public static Workload named(String name, boolean full) {
        return switch (name) {
            case "single" -> single(full ? 1_000_000 : 50_000);
            case "multi16" -> multi(16, full ? 100_000 : 10_000);
            case "sparse" -> sparse(full ? 365 : 60);
            case "mixed" -> mixed(full ? 7 : 1);
            default ->
                    throw new IllegalArgumentException(
                            "unknown workload '" + name + "', expected one of " + NAMES);
        };
    }

    /** One stream of {@code fragments} fragments, one every 2 s. */
    public static Workload single(long fragments) {
        Stream stream = dense("single-0", 0, fragments);
        return new Workload(
                "single",
                String.format(Locale.ROOT, "1 stream x %,d fragments", fragments),
                List.of(stream),
                DENSE_START,
                endOf(stream.spec()));
    }

    /** {@code count} streams of {@code fragments} fragments each, one every 2 s. */
    public static Workload multi(int count, long fragments) {
        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            streams.add(dense("multi" + count + "-" + i, 100 + i, fragments));
        }
        Instant end = streams.stream().map(s -> endOf(s.spec())).max(Instant::compareTo).get();
        return new Workload(
                "multi" + count,
                String.format(Locale.ROOT, "%d streams x %,d fragments", count, fragments),
                streams,
                DENSE_START,
                end);
    }

    /** One stream with one fragment a minute for {@code days} days. */
    public static Workload sparse(int days) {
        SyntheticStreamSpec spec =
                SyntheticStreamSpec.builder()
                        .seed(200)
                        .fragments(days * 1440L)
                        .start(SPARSE_START)
                        .interval(Duration.ofMinutes(1))
                        .build();
        return new Workload(
                "sparse",
                String.format(Locale.ROOT, "1 stream, 1 fragment/min over %d days", days),
                List.of(new Stream("sparse-0", spec)),
                SPARSE_START,
                SPARSE_START.plus(Duration.ofDays(days)));
    }

    /**
     * Four streams over the same {@code days} days: one fragment a second, every 10 s, every minute
     * and every hour.
     */
    public static Workload mixed(int days) {
        Duration[] intervals = {
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofHours(1)
        };
        Duration range = Duration.ofDays(days);
        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < intervals.length; i++) {
            SyntheticStreamSpec spec =
                    SyntheticStreamSpec.builder()
                            .seed(300 + i)
                            .fragments(range.dividedBy(intervals[i]))
                            .start(DENSE_START)
                            .interval(intervals[i])
                            .jitter(Duration.ofMillis(10))
                            .outages(0)
                            .build();
            streams.add(
                    new Stream("mixed-" + intervals[i].toString().toLowerCase(Locale.ROOT), spec));
        }
        return new Workload(
                "mixed",
                String.format(
                        Locale.ROOT, "4 streams, 1 fragment/1s,10s,1min,1h over %d days", days),
                streams,
                DENSE_START,
                DENSE_START.plus(range));
    }

    private static Stream dense(String name, long seed, long fragments) {
        return new Stream(
                name,
                SyntheticStreamSpec.builder()
                        .seed(seed)
                        .fragments(fragments)
                        .start(DENSE_START)
                        .interval(Duration.ofSeconds(2))
                        .build());
    }

    /** Just after the last fragment of {@code spec} can start: every interval and outage. */
    private static Instant endOf(SyntheticStreamSpec spec) {
        return spec.start()
                .plus(spec.interval().multipliedBy(spec.fragments()))
                .plus(spec.outageLength().multipliedBy(spec.outages()))
                .plus(Duration.ofMinutes(1));
    }
}
