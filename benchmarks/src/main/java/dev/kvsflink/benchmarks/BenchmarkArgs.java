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

import org.apache.flink.util.TimeUtils;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's flags (a picocli mixin of {@link BenchmarkMain}). Every flag has a default; the
 * defaults run the quick set. {@code --help} lists them.
 */
public final class BenchmarkArgs {

    @Option(names = "--full", description = "The full workloads instead of the quick ones.")
    private boolean full;

    @Option(
            names = "--workloads",
            split = ",",
            paramLabel = "NAME",
            converter = WorkloadName.class,
            description = "Which workloads, in order: ${COMPLETION-CANDIDATES} (default: all).",
            completionCandidates = WorkloadNames.class)
    private List<String> workloads = new ArrayList<>(Workload.NAMES);

    @Option(
            names = "--parallelism",
            split = ",",
            paramLabel = "N",
            converter = PositiveInt.class,
            description = "The connector's parallelisms (default: 1,2,4).")
    private List<Integer> parallelisms = new ArrayList<>(List.of(1, 2, 4));

    @Option(names = "--no-baseline", description = "Skip the SDK baseline (no x_baseline figure).")
    private boolean noBaseline;

    @Option(
            names = "--budget-tps",
            split = ",",
            paramLabel = "TPS",
            converter = PositiveNumber.class,
            description =
                    "source.stream.list-fragments.budget-tps, one connector run per value and"
                            + " parallelism (default: 4.0, the option's default).")
    private List<Double> budgetsTps = new ArrayList<>(List.of(4.0));

    @Option(
            names = "--fetch-threads",
            split = ",",
            paramLabel = "N",
            converter = PositiveInt.class,
            description =
                    "source.reader.fetch-threads, one connector run per value (default: the"
                            + " option's).")
    private List<Integer> fetchThreads =
            new ArrayList<>(List.of(KinesisVideoSourceOptions.READER_FETCH_THREADS.defaultValue()));

    @Option(
            names = "--splits-in-flight",
            split = ",",
            paramLabel = "N",
            converter = PositiveInt.class,
            description =
                    "source.reader.splits-in-flight, one connector run per value (default:"
                            + " the option's).")
    private List<Integer> splitsInFlight =
            new ArrayList<>(
                    List.of(KinesisVideoSourceOptions.READER_SPLITS_IN_FLIGHT.defaultValue()));

    @Option(
            names = "--latency",
            paramLabel = "MS",
            description = "The mean added latency per request in ms (default: ${DEFAULT-VALUE}).")
    private long latencyMillis = 50;

    @Option(
            names = "--jitter",
            paramLabel = "MS",
            description =
                    "How far the added latency strays from the mean, either way, in ms (default:"
                            + " ${DEFAULT-VALUE}).")
    private long jitterMillis = 20;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            converter = PositiveDuration.class,
            description = "The connector job's checkpoint interval (default: 2 s).")
    private Duration checkpointInterval = Duration.ofSeconds(2);

    @Option(
            names = "--realistic-pages",
            description = "The emulator's short and empty pages (default: full pages).")
    private boolean realisticPages;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "The emulator's seed (default: ${DEFAULT-VALUE}).")
    private long seed = 7;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Where results.json, results.csv and throughput.png go (default:"
                            + " target/benchmarks).")
    private Path out = Path.of("target", "benchmarks");

    @Option(
            names = "--merge",
            split = ",",
            paramLabel = "DIR",
            description = "Run nothing: merge the results.json of earlier runs into --out.")
    private List<Path> merge = new ArrayList<>();

    /** Parses and checks {@code args}; throws {@link ParameterException} naming a bad flag. */
    public static BenchmarkArgs parse(String... args) {
        BenchmarkArgs parsed = new BenchmarkArgs();
        CommandLine cli = commandLine(parsed);
        cli.parseArgs(args);
        return parsed.check(cli);
    }

    /** The command line of {@code command}: one-line errors, exit code 2 for bad arguments. */
    static CommandLine commandLine(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setOverwrittenOptionsAllowed(false);
        cli.setParameterExceptionHandler(
                (e, args) -> {
                    e.getCommandLine()
                            .getErr()
                            .println(
                                    "benchmark: "
                                            + e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ")
                                            + " (see --help)");
                    return CommandLine.ExitCode.USAGE;
                });
        return cli;
    }

    /** Checks what each flag alone cannot. */
    BenchmarkArgs check(CommandLine cli) {
        if (jitterMillis < 0 || latencyMillis < jitterMillis) {
            throw new ParameterException(
                    cli,
                    "--jitter "
                            + jitterMillis
                            + " and --latency "
                            + latencyMillis
                            + " need 0 <= --jitter <= --latency");
        }
        return this;
    }

    /** Whether to run the full workloads. */
    public boolean full() {
        return full;
    }

    /** The workloads' names, in the order they run. */
    public List<String> workloads() {
        return List.copyOf(workloads);
    }

    /** The connector's parallelisms, in the order they run. */
    public List<Integer> parallelisms() {
        return List.copyOf(parallelisms);
    }

    /** Whether to run the SDK baseline. */
    public boolean baseline() {
        return !noBaseline;
    }

    /** The connector's request budgets per stream, one run per value. */
    public List<Double> budgetsTps() {
        return List.copyOf(budgetsTps);
    }

    /** The connector's fetcher threads per reader, one run per value. */
    public List<Integer> fetchThreads() {
        return List.copyOf(fetchThreads);
    }

    /** The windows one reader holds at once, one run per value. */
    public List<Integer> splitsInFlight() {
        return List.copyOf(splitsInFlight);
    }

    /** The mean added latency per request. */
    public long latencyMillis() {
        return latencyMillis;
    }

    /** How far the added latency strays from the mean, either way. */
    public long jitterMillis() {
        return jitterMillis;
    }

    /** The connector job's checkpoint interval. */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** Whether the emulator returns short and empty pages now and then. */
    public boolean realisticPages() {
        return realisticPages;
    }

    /** The emulator's seed. */
    public long seed() {
        return seed;
    }

    /** The output directory. */
    public Path out() {
        return out;
    }

    /** Directories whose results to merge instead of running; empty to run. */
    public List<Path> merge() {
        return List.copyOf(merge);
    }

    /** One of {@link Workload#NAMES}. */
    static final class WorkloadName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!Workload.NAMES.contains(value.strip())) {
                throw new TypeConversionException(
                        "'" + value + "' is not a workload: expected some of " + Workload.NAMES);
            }
            return value.strip();
        }
    }

    /** The workloads' names, for the usage. */
    static final class WorkloadNames extends ArrayList<String> {
        WorkloadNames() {
            super(Workload.NAMES);
        }
    }

    /** A whole number of at least 1. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a whole number >= 1");
        }
    }

    /** A number above 0. */
    static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double d = Double.parseDouble(value.strip());
                if (d > 0 && Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a number above 0");
        }
    }

    /** A positive duration in the forms of the connector's options ({@code 500ms}, {@code 2 s}). */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = TimeUtils.parseDuration(value);
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new TypeConversionException(
                    "'" + value + "' is not a positive duration such as 500ms, 2 s or 1 min");
        }
    }
}
