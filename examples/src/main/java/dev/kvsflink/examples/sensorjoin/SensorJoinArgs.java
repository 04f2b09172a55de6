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
import dev.kvsflink.examples.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The sensor-join job's flags (a picocli mixin of {@link SensorJoinJob}), checked by {@link #check}
 * before any job starts.
 */
public final class SensorJoinArgs {

    @Option(
            names = "--demo",
            description =
                    "Join the embedded emulator's two seeded cameras over two hours (no AWS account"
                            + " needed); excludes --region, --endpoint, --stream, --start and"
                            + " --end.")
    boolean demo;

    @Option(names = "--region", paramLabel = "REGION", description = "The streams' AWS region.")
    @Nullable
    String region;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "The control-plane endpoint (default: the region's public one).")
    @Nullable
    URI endpoint;

    @Option(
            names = "--stream",
            paramLabel = "NAME",
            description = "A camera's stream name (repeatable).")
    List<String> streams = new ArrayList<>();

    @Option(
            names = "--selector",
            paramLabel = "SELECTOR",
            description =
                    "Which fragment timestamp the readings are matched against:"
                            + " ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FragmentSelectorType selector = FragmentSelectorType.SERVER_TIMESTAMP;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description = "The range's start, inclusive (ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z).")
    @Nullable
    Instant start;

    @Option(names = "--end", paramLabel = "INSTANT", description = "The range's end, exclusive.")
    @Nullable
    Instant end;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "The CSV file to write (default: print only a summary).")
    @Nullable
    Path output;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            converter = Cli.PositiveInt.class,
            description = "The job's parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(
            names = "--reading-interval",
            paramLabel = "DURATION",
            description =
                    "The mean time between two generated readings of all cameras (default:"
                            + " 250 ms).")
    Duration readingInterval = Duration.ofMillis(250);

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "The seed of the generated readings (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(
            names = "--max-fragment-length",
            paramLabel = "DURATION",
            description =
                    "The interval join's upper bound: the longest fragment expected (default:"
                            + " 1 min).")
    Duration maxFragmentLength = Duration.ofMinutes(1);

    /** Parses and checks {@code args}, as the job's {@code main} does. */
    public static SensorJoinArgs parse(String... args) {
        SensorJoinArgs parsed = new SensorJoinArgs();
        CommandLine cli = Cli.of(parsed);
        cli.parseArgs(args);
        return parsed.check(cli);
    }

    /**
     * Checks what each flag alone cannot (flags that need or exclude others, a stream given twice).
     *
     * @throws CommandLine.ParameterException naming the flags and values
     */
    SensorJoinArgs check(CommandLine cli) {
        for (String stream : new HashSet<>(streams)) {
            Cli.require(
                    cli,
                    streams.indexOf(stream) == streams.lastIndexOf(stream),
                    "--stream '" + stream + "' is given twice");
        }
        Cli.require(
                cli,
                maxFragmentLength.toMillis() >= 1 && readingInterval.toMillis() >= 1,
                "--max-fragment-length and --reading-interval must be at least 1 ms");
        Cli.exclusive(
                cli,
                "--demo",
                "the demo joins the embedded emulator's cameras over its own two hours",
                "--region",
                "--endpoint",
                "--stream",
                "--start",
                "--end");
        if (!demo) {
            Cli.require(cli, region != null, "--region is required (e.g. --region us-east-1)");
            Cli.require(cli, !streams.isEmpty(), "at least one --stream is required");
            Cli.require(
                    cli,
                    start != null && end != null,
                    "--start and --end are required (ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z)");
            Cli.require(
                    cli, start.isBefore(end), "--start " + start + " must be before --end " + end);
        }
        return this;
    }

    /** These arguments with another service, streams and range (what {@code --demo} joins). */
    SensorJoinArgs withTarget(
            String region, URI endpoint, List<String> streams, Instant start, Instant end) {
        SensorJoinArgs copy = new SensorJoinArgs();
        copy.demo = demo;
        copy.region = region;
        copy.endpoint = endpoint;
        copy.streams = List.copyOf(streams);
        copy.selector = selector;
        copy.start = start;
        copy.end = end;
        copy.output = output;
        copy.parallelism = parallelism;
        copy.readingInterval = readingInterval;
        copy.seed = seed;
        copy.maxFragmentLength = maxFragmentLength;
        return copy;
    }

    /** The generated readings of these streams over this range. */
    SensorReadings readings() {
        return SensorReadings.of(streams, start, end, readingInterval, seed);
    }
}
