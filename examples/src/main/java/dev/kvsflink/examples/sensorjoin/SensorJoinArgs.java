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

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;

import javax.annotation.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sensor-join job's command line, parsed and checked: a rejected value is reported with its
 * flag before any job starts.
 *
 * @param demo whether to run against the embedded emulator ({@link SensorJoinDemo})
 * @param region the streams' AWS region
 * @param endpoint the control-plane endpoint, {@code null} for the region's public one
 * @param streams the cameras' stream names
 * @param selector which fragment timestamp the readings are matched against
 * @param start the range's start, inclusive
 * @param end the range's end, exclusive
 * @param output the CSV file to write, {@code null} to print only a summary
 * @param parallelism the job's parallelism
 * @param readingInterval the mean time between two generated readings (of all cameras)
 * @param seed the seed of the generated readings
 * @param maxFragmentLength the interval join's upper bound: the longest fragment expected
 */
public record SensorJoinArgs(
        boolean demo,
        @Nullable String region,
        @Nullable URI endpoint,
        List<String> streams,
        FragmentSelectorType selector,
        @Nullable Instant start,
        @Nullable Instant end,
        @Nullable Path output,
        int parallelism,
        Duration readingInterval,
        long seed,
        Duration maxFragmentLength) {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -cp fragment-index.jar dev.kvsflink.examples.sensorjoin.SensorJoinJob",
                    "         --demo [--output FILE] [options]",
                    "   or: ... --region REGION [--endpoint URL] --stream NAME [--stream NAME ...]",
                    "         --start 2026-01-01T00:00:00Z --end 2026-01-01T02:00:00Z [--output FILE]",
                    "         [options]",
                    "options: [--selector SERVER_TIMESTAMP|PRODUCER_TIMESTAMP] [--parallelism N]",
                    "         [--reading-interval PT0.25S] [--seed N] [--max-fragment-length PT1M]");

    private static final Set<String> FLAGS =
            Set.of(
                    "--region",
                    "--endpoint",
                    "--stream",
                    "--selector",
                    "--start",
                    "--end",
                    "--output",
                    "--parallelism",
                    "--reading-interval",
                    "--seed",
                    "--max-fragment-length");

    /** Parses {@code args}; throws {@link IllegalArgumentException} naming the offending flag. */
    public static SensorJoinArgs parse(String... args) {
        boolean demo = false;
        String region = null;
        URI endpoint = null;
        List<String> streams = new ArrayList<>();
        FragmentSelectorType selector = FragmentSelectorType.SERVER_TIMESTAMP;
        Instant start = null;
        Instant end = null;
        Path output = null;
        int parallelism = 1;
        Duration readingInterval = Duration.ofMillis(250);
        long seed = 1;
        Duration maxFragmentLength = Duration.ofMinutes(1);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--demo")) {
                demo = true;
                continue;
            }
            if (i + 1 >= args.length || !flag.startsWith("--")) {
                throw new IllegalArgumentException(
                        "Unexpected argument or missing value: '" + flag + "'\n" + USAGE);
            }
            String value = args[++i];
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("Unknown option " + flag + "\n" + USAGE);
            }
            try {
                switch (flag) {
                    case "--region" -> region = value;
                    case "--endpoint" -> endpoint = URI.create(value);
                    case "--stream" -> streams.add(value);
                    case "--selector" ->
                            selector = FragmentSelectorType.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--start" -> start = Instant.parse(value);
                    case "--end" -> end = Instant.parse(value);
                    case "--output" -> output = Path.of(value);
                    case "--parallelism" -> parallelism = positive(Integer.parseInt(value));
                    case "--reading-interval" -> readingInterval = positive(Duration.parse(value));
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> maxFragmentLength = positive(Duration.parse(value));
                }
            } catch (RuntimeException e) { // unparsable numbers, instants, durations, names
                throw new IllegalArgumentException(
                        flag + " '" + value + "' is not valid: " + e.getMessage() + "\n" + USAGE);
            }
        }
        if (!demo) {
            require(region != null, "--region is required (e.g. --region us-east-1)");
            require(!streams.isEmpty(), "at least one --stream is required");
            require(start != null && end != null, "--start and --end are required (ISO-8601 UTC)");
            require(start.isBefore(end), "--start " + start + " must be before --end " + end);
        }
        return new SensorJoinArgs(
                demo,
                region,
                endpoint,
                List.copyOf(streams),
                selector,
                start,
                end,
                output,
                parallelism,
                readingInterval,
                seed,
                maxFragmentLength);
    }

    /** These arguments with another service, streams and range (what {@code --demo} joins). */
    SensorJoinArgs withTarget(
            String region, URI endpoint, List<String> streams, Instant start, Instant end) {
        return new SensorJoinArgs(
                demo,
                region,
                endpoint,
                List.copyOf(streams),
                selector,
                start,
                end,
                output,
                parallelism,
                readingInterval,
                seed,
                maxFragmentLength);
    }

    /** The generated readings of these streams over this range. */
    SensorReadings readings() {
        return SensorReadings.of(streams, start, end, readingInterval, seed);
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1");
        }
        return n;
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero() || d.toMillis() < 1) {
            throw new IllegalArgumentException("must be at least 1 ms");
        }
        return d;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message + "\n" + USAGE);
        }
    }
}
