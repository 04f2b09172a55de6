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

package dev.kvsflink.examples.fragmentindex;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.examples.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import javax.annotation.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fragment-index job's flags (a picocli mixin of {@link FragmentIndexJob} and {@link
 * ConfiguredFragmentIndexJob}), checked by {@link #check} before any job starts.
 */
public final class FragmentIndexArgs {

    @Option(
            names = "--demo",
            description =
                    "Index the embedded emulator's three seeded cameras over one day (no AWS"
                            + " account needed); excludes --region, --endpoint, --stream,"
                            + " --stream-arn, --start and --end.")
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
            converter = StreamName.class,
            description = "A stream to index, by name (repeatable).")
    List<StreamRef> streamsByName = new ArrayList<>();

    @Option(
            names = "--stream-arn",
            paramLabel = "ARN",
            converter = StreamArn.class,
            description = "A stream to index, by ARN (repeatable).")
    List<StreamRef> streamsByArn = new ArrayList<>();

    @Option(
            names = "--selector",
            paramLabel = "SELECTOR",
            description =
                    "Which timestamp the range applies to: ${COMPLETION-CANDIDATES} (default:"
                            + " ${DEFAULT-VALUE}).")
    FragmentSelectorType selector = FragmentSelectorType.SERVER_TIMESTAMP;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description = "The range's start, inclusive (ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z).")
    @Nullable
    Instant start;

    @Option(
            names = "--end",
            paramLabel = "INSTANT",
            description =
                    "The range's end, exclusive. Without it the job tails the streams until it"
                            + " is stopped (Ctrl-C or --stop-after) with a savepoint.")
    @Nullable
    Instant end;

    /** The output directory; null when the index goes to a database ({@link #jdbc}). */
    @Option(
            names = "--output",
            paramLabel = "DIR",
            description =
                    "The directory of the JSON Lines files, one directory per stream (with --demo"
                            + " default: fragment-index-demo).")
    @Nullable
    Path output;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "Write the index to a table instead of files: jdbc:postgresql://HOST:PORT/DB"
                            + " or jdbc:sqlite:FILE.")
    @Nullable
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "The database user.")
    @Nullable
    String jdbcUser;

    @Option(
            names = "--jdbc-password",
            paramLabel = "PASSWORD",
            description = "The database password.")
    @Nullable
    String jdbcPassword;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            converter = Cli.PositiveInt.class,
            description = "The job's parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            description =
                    "source.window.initial-size: the first window's length (e.g. 10 min, PT10M).")
    @Nullable
    Duration window;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Keep checkpoints here, retained on cancellation.")
    @Nullable
    Path checkpointDir;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description = "Resume from this savepoint (or retained checkpoint).")
    @Nullable
    String fromSavepoint;

    @Option(
            names = "--gap",
            paramLabel = "DURATION",
            description = "The summary reports gaps longer than this (default: 1 min).")
    Duration gapThreshold = Duration.ofMinutes(1);

    @Option(
            names = "--budget-tps",
            paramLabel = "TPS",
            converter = Budget.class,
            description =
                    "source.stream.list-fragments.budget-tps: ListFragments calls per second and"
                            + " stream, above 0 and at most 5.")
    @Nullable
    Double budgetTps;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "DIR",
            description =
                    "Where a stop writes its savepoint (default: beside --output, else"
                            + " fragment-index-savepoints).")
    @Nullable
    Path savepointDir;

    @Option(
            names = "--stop-after",
            paramLabel = "DURATION",
            description = "Stop with a savepoint after this long (e.g. 1h).")
    @Nullable
    Duration stopAfter;

    /** The database the index goes to; null when it goes to files ({@link #output}). */
    @Nullable JdbcTarget jdbc;

    /** The streams, by name then by ARN. */
    List<StreamRef> streams = List.of();

    /** Parses and checks {@code args}, as {@code java -jar fragment-index.jar} does. */
    public static FragmentIndexArgs parse(String... args) {
        FragmentIndexArgs parsed = new FragmentIndexArgs();
        CommandLine cli = Cli.of(parsed);
        cli.parseArgs(args);
        return parsed.check(cli);
    }

    /**
     * Checks what each flag alone cannot (flags that need or exclude others, a stream given twice)
     * and sets the derived settings.
     *
     * @throws CommandLine.ParameterException naming the flags and values
     */
    FragmentIndexArgs check(CommandLine cli) {
        List<StreamRef> all = new ArrayList<>(streamsByName);
        all.addAll(streamsByArn);
        Set<String> seen = new HashSet<>();
        for (StreamRef stream : all) {
            Cli.require(
                    cli, seen.add(stream.name()), "stream '" + stream.name() + "' is given twice");
        }
        streams = List.copyOf(all);
        Cli.require(
                cli,
                jdbcUrl != null || (jdbcUser == null && jdbcPassword == null),
                "--jdbc-user and --jdbc-password only apply with --jdbc-url");
        if (jdbcUrl != null) {
            Cli.require(
                    cli,
                    output == null,
                    "--output and --jdbc-url exclude each other: the index goes to files or to a"
                            + " database");
            try {
                jdbc = JdbcTarget.of(jdbcUrl, jdbcUser, jdbcPassword);
            } catch (IllegalArgumentException e) {
                throw Cli.badArgument(cli, e.getMessage());
            }
        }
        Cli.exclusive(
                cli,
                "--demo",
                "the demo indexes the embedded emulator's cameras over its own day",
                "--region",
                "--endpoint",
                "--stream",
                "--stream-arn",
                "--start",
                "--end");
        if (demo) {
            if (jdbc == null && output == null) {
                output = Path.of("fragment-index-demo");
            }
        } else {
            Cli.require(cli, region != null, "--region is required (e.g. --region us-east-1)");
            Cli.require(cli, !all.isEmpty(), "at least one --stream or --stream-arn is required");
            Cli.require(
                    cli,
                    start != null,
                    "--start is required (ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z)");
            Cli.require(
                    cli,
                    output != null || jdbc != null,
                    "--output (a directory) or --jdbc-url (a database) is required");
            Cli.require(
                    cli,
                    end == null || start.isBefore(end),
                    "--start " + start + " must be before --end " + end);
        }
        if (savepointDir == null && output != null) {
            // Beside the output, not in it: the output holds one directory per stream.
            savepointDir = output.resolveSibling(output.getFileName() + "-savepoints");
        } else if (savepointDir == null) {
            savepointDir = Path.of("fragment-index-savepoints");
        }
        return this;
    }

    /** Whether the job follows the streams (no {@code --end}) instead of reading a range. */
    boolean tails() {
        return end == null;
    }

    /** These arguments with another service, streams and range (what {@code --demo} indexes). */
    FragmentIndexArgs withTarget(
            String region, URI endpoint, List<StreamRef> streams, Instant start, Instant end) {
        FragmentIndexArgs copy = new FragmentIndexArgs();
        copy.demo = demo;
        copy.region = region;
        copy.endpoint = endpoint;
        copy.streams = List.copyOf(streams);
        copy.selector = selector;
        copy.start = start;
        copy.end = end;
        copy.output = output;
        copy.jdbcUrl = jdbcUrl;
        copy.jdbcUser = jdbcUser;
        copy.jdbcPassword = jdbcPassword;
        copy.jdbc = jdbc;
        copy.parallelism = parallelism;
        copy.window = window;
        copy.checkpointDir = checkpointDir;
        copy.fromSavepoint = fromSavepoint;
        copy.gapThreshold = gapThreshold;
        copy.budgetTps = budgetTps;
        copy.savepointDir = savepointDir;
        copy.stopAfter = stopAfter;
        return copy;
    }

    /** A stream name, checked as the connector checks it. */
    static final class StreamName implements CommandLine.ITypeConverter<StreamRef> {
        @Override
        public StreamRef convert(String value) {
            try {
                return StreamRef.ofName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A stream ARN, checked as the connector checks it. */
    static final class StreamArn implements CommandLine.ITypeConverter<StreamRef> {
        @Override
        public StreamRef convert(String value) {
            try {
                return StreamRef.ofArn(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A request budget: above 0 and at most the service's 5 calls per second and stream. */
    static final class Budget implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double tps = Double.parseDouble(value);
                if (tps > 0 && tps <= 5.0) {
                    return tps;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException(
                    "'"
                            + value
                            + "' is not a number of calls per second above 0 and at most 5 (the"
                            + " service's quota per stream)");
        }
    }
}
