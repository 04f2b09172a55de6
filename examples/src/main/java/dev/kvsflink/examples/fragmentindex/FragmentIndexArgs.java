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

import javax.annotation.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The fragment-index job's command line, parsed and checked. Every rejected value is reported with
 * its flag, the value and what is allowed, before any job starts.
 */
public final class FragmentIndexArgs {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -jar fragment-index.jar --demo [--output DIR | --jdbc-url URL]",
                    "   or: java -jar fragment-index.jar --region REGION [--endpoint URL]",
                    "         --stream NAME [--stream NAME ...] [--stream-arn ARN ...]",
                    "         [--selector SERVER_TIMESTAMP|PRODUCER_TIMESTAMP]",
                    "         --start 2026-01-01T00:00:00Z [--end 2026-01-02T00:00:00Z]",
                    "         (--output DIR | --jdbc-url URL [--jdbc-user USER] [--jdbc-password PW])",
                    "         [--parallelism N] [--window PT10M] [--checkpoint-dir DIR]",
                    "         [--from-savepoint PATH] [--gap PT1M] [--budget-tps 4.0]",
                    "         [--savepoint-dir DIR] [--stop-after PT1H]",
                    "Without --end the job tails the streams until it is stopped (Ctrl-C, or",
                    "--stop-after), then stops with a savepoint that --from-savepoint resumes.",
                    "With --end, --stop-after stops a backfill still running with a savepoint;",
                    "resumed, it may have a later --end (the range grows) and another parallelism.",
                    "--jdbc-url writes the index to a table instead of files (PostgreSQL:",
                    "jdbc:postgresql://HOST:PORT/DB, SQLite: jdbc:sqlite:FILE).");

    final boolean demo;
    @Nullable final String region;
    @Nullable final URI endpoint;
    final List<StreamRef> streams;
    final FragmentSelectorType selector;
    @Nullable final Instant start;
    @Nullable final Instant end;

    /** The output directory; null when the index goes to a database ({@link #jdbc}). */
    @Nullable final Path output;

    /** The database the index goes to; null when it goes to files ({@link #output}). */
    @Nullable final JdbcTarget jdbc;

    final int parallelism;
    @Nullable final Duration window;
    @Nullable final Path checkpointDir;
    @Nullable final String fromSavepoint;
    final Duration gapThreshold;
    @Nullable final Double budgetTps;
    final Path savepointDir;
    @Nullable final Duration stopAfter;

    private FragmentIndexArgs(Builder b) {
        this.demo = b.demo;
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.streams = List.copyOf(b.streams);
        this.selector = b.selector;
        this.start = b.start;
        this.end = b.end;
        this.output = b.output;
        this.jdbc = b.jdbc;
        this.parallelism = b.parallelism;
        this.window = b.window;
        this.checkpointDir = b.checkpointDir;
        this.fromSavepoint = b.fromSavepoint;
        this.gapThreshold = b.gapThreshold;
        this.budgetTps = b.budgetTps;
        this.savepointDir = b.savepointDir;
        this.stopAfter = b.stopAfter;
    }

    /** Whether the job follows the streams (no {@code --end}) instead of reading a range. */
    boolean tails() {
        return end == null;
    }

    /** These arguments with another service, streams and range (what {@code --demo} indexes). */
    FragmentIndexArgs withTarget(
            String region, URI endpoint, List<StreamRef> streams, Instant start, Instant end) {
        Builder b = new Builder();
        b.demo = demo;
        b.region = region;
        b.endpoint = endpoint;
        b.streams.addAll(streams);
        b.selector = selector;
        b.start = start;
        b.end = end;
        b.output = output;
        b.jdbc = jdbc;
        b.parallelism = parallelism;
        b.window = window;
        b.checkpointDir = checkpointDir;
        b.fromSavepoint = fromSavepoint;
        b.gapThreshold = gapThreshold;
        b.budgetTps = budgetTps;
        b.savepointDir = savepointDir;
        b.stopAfter = stopAfter;
        return new FragmentIndexArgs(b);
    }

    /** Parses {@code args}; throws {@link IllegalArgumentException} naming the offending flag. */
    public static FragmentIndexArgs parse(String... args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--demo")) {
                b.demo = true;
                continue;
            }
            if (!flag.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + flag + "'\n" + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            b.set(flag, args[++i]);
        }
        return b.build();
    }

    private static final class Builder {
        boolean demo;
        String region;
        URI endpoint;
        final List<StreamRef> streams = new ArrayList<>();
        FragmentSelectorType selector = FragmentSelectorType.SERVER_TIMESTAMP;
        Instant start;
        Instant end;
        Path output;
        JdbcTarget jdbc;
        String jdbcUrl;
        String jdbcUser;
        String jdbcPassword;
        int parallelism = 1;
        Duration window;
        Path checkpointDir;
        String fromSavepoint;
        Duration gapThreshold = Duration.ofMinutes(1);
        Double budgetTps;
        Path savepointDir;
        Duration stopAfter;

        void set(String flag, String value) {
            switch (flag) {
                case "--region" -> region = value;
                case "--endpoint" -> endpoint = uri(flag, value);
                case "--stream" -> streams.add(stream(flag, value, false));
                case "--stream-arn" -> streams.add(stream(flag, value, true));
                case "--selector" -> selector = selector(flag, value);
                case "--start" -> start = instant(flag, value);
                case "--end" -> end = instant(flag, value);
                case "--output" -> output = Path.of(value);
                case "--jdbc-url" -> jdbcUrl = value;
                case "--jdbc-user" -> jdbcUser = value;
                case "--jdbc-password" -> jdbcPassword = value;
                case "--parallelism" -> parallelism = positiveInt(flag, value);
                case "--window" -> window = positiveDuration(flag, value);
                case "--checkpoint-dir" -> checkpointDir = Path.of(value);
                case "--from-savepoint" -> fromSavepoint = value;
                case "--gap" -> gapThreshold = positiveDuration(flag, value);
                case "--budget-tps" -> budgetTps = budget(flag, value);
                case "--savepoint-dir" -> savepointDir = Path.of(value);
                case "--stop-after" -> stopAfter = positiveDuration(flag, value);
                default ->
                        throw new IllegalArgumentException("Unknown option " + flag + "\n" + USAGE);
            }
        }

        FragmentIndexArgs build() {
            require(
                    jdbcUrl != null || (jdbcUser == null && jdbcPassword == null),
                    "--jdbc-user and --jdbc-password only apply with --jdbc-url");
            if (jdbcUrl != null) {
                require(
                        output == null,
                        "--output and --jdbc-url exclude each other: the index goes to files or to"
                                + " a database");
                jdbc = JdbcTarget.of(jdbcUrl, jdbcUser, jdbcPassword);
            } else if (output == null) {
                output = demo ? Path.of("fragment-index-demo") : null;
            }
            if (!demo) {
                require(region != null, "--region is required (e.g. --region us-east-1)");
                require(!streams.isEmpty(), "at least one --stream or --stream-arn is required");
                require(
                        start != null,
                        "--start is required (ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z)");
                require(
                        output != null || jdbc != null,
                        "--output (a directory) or --jdbc-url (a database) is required");
                require(
                        end == null || start.isBefore(end),
                        "--start " + start + " must be before --end " + end);
            }
            if (savepointDir == null && output != null) {
                // Beside the output, not in it: the output holds one directory per stream.
                savepointDir = output.resolveSibling(output.getFileName() + "-savepoints");
            } else if (savepointDir == null) {
                savepointDir = Path.of("fragment-index-savepoints");
            }
            return new FragmentIndexArgs(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message + "\n" + USAGE);
            }
        }

        private static URI uri(String flag, String value) {
            try {
                URI uri = URI.create(value);
                if (uri.getHost() != null
                        && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // reported below with the flag's name
            }
            throw new IllegalArgumentException(
                    flag + " '" + value + "' is not an http(s) URL such as http://127.0.0.1:4566");
        }

        private static StreamRef stream(String flag, String value, boolean arn) {
            try {
                return arn ? StreamRef.ofArn(value) : StreamRef.ofName(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
            }
        }

        private static FragmentSelectorType selector(String flag, String value) {
            try {
                return FragmentSelectorType.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        flag
                                + " '"
                                + value
                                + "' is not one of "
                                + Arrays.toString(FragmentSelectorType.values()));
            }
        }

        private static Instant instant(String flag, String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        flag
                                + " '"
                                + value
                                + "' is not an ISO-8601 UTC instant such as 2026-01-01T00:00:00Z");
            }
        }

        private static int positiveInt(String flag, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    flag + " '" + value + "' is not a whole number >= 1");
        }

        private static double budget(String flag, String value) {
            try {
                double tps = Double.parseDouble(value);
                if (tps > 0 && tps <= 5.0) {
                    return tps;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    flag
                            + " '"
                            + value
                            + "' is not a number of calls per second above 0 and at most 5"
                            + " (the service's quota per stream)");
        }

        private static Duration positiveDuration(String flag, String value) {
            try {
                Duration d = Duration.parse(value);
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    flag + " '" + value + "' is not a positive ISO-8601 duration such as PT10M");
        }
    }
}
