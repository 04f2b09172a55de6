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
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatorCounters;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulatorBuilder;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The benchmark of issue #7: the connector on a MiniCluster at several parallelisms against a
 * sequential AWS SDK loop, on the emulator enforcing the service's 5 calls/s per stream with added
 * latency. Every run is checked against the emulator's ground truth. Prints a table and writes
 * {@code results.json}, {@code results.csv}, {@code throughput.png} and {@code environment.txt}
 * (docs/benchmarks.md).
 *
 * <pre>
 * mvn -B -ntp -q -pl benchmarks -am install -DskipTests
 * mvn -B -ntp -q -pl benchmarks exec:exec                      # the quick set
 * mvn -B -ntp -q -pl benchmarks exec:exec -Dbenchmark.args="--full --workloads multi16"
 * </pre>
 *
 * <p>Exit code 0 when every run read exactly the ground truth, 1 otherwise, 2 on bad arguments.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        versionProvider = BenchmarkMain.Version.class,
        sortOptions = false,
        description =
                "The connector on a MiniCluster against a sequential AWS SDK loop, on the emulator"
                        + " with the service's quota and added latency, every run checked against"
                        + " the ground truth. Exit codes: 0 every run exact, 1 not, 2 bad"
                        + " arguments.")
public final class BenchmarkMain implements Callable<Integer> {

    /** Quiet time between runs: the quota's one-second window forgets the previous run. */
    private static final Duration PAUSE = Duration.ofMillis(1500);

    @Mixin BenchmarkArgs options;

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(BenchmarkArgs.commandLine(new BenchmarkMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        options.check(spec.commandLine());
        List<RunResult> results = options.merge().isEmpty() ? run(options) : merge(options);
        boolean allCorrect = results.stream().allMatch(RunResult::correct);
        System.out.println();
        System.out.print(ResultTable.markdown(results));
        System.out.println(
                allCorrect
                        ? "Every run read exactly the ground truth."
                        : "SOME RUNS DID NOT READ THE GROUND TRUTH (correct = NO).");
        System.out.println("Results in " + options.out().toAbsolutePath());
        return allCorrect ? 0 : 1;
    }

    private static List<RunResult> run(BenchmarkArgs options) throws Exception {
        Files.createDirectories(options.out());
        String environment = environment(options);
        System.out.print(environment);
        Files.writeString(options.out().resolve("environment.txt"), environment);
        KinesisVideoEmulatorBuilder builder =
                KinesisVideoEmulator.builder().seed(options.seed()).tpsPerStream(5);
        if (!options.realisticPages()) {
            builder.fullPages();
        }
        List<RunResult> results = new ArrayList<>();
        int slots = Collections.max(options.parallelisms());
        try (KinesisVideoEmulator emulator = builder.build().start();
                ConnectorRun connector = new ConnectorRun(emulator, slots)) {
            emulator.faults()
                    .latency(
                            Duration.ofMillis(options.latencyMillis() - options.jitterMillis()),
                            Duration.ofMillis(2 * options.jitterMillis()));
            for (String name : options.workloads()) {
                Workload workload = Workload.named(name, options.full());
                for (Workload.Stream stream : workload.streams()) {
                    emulator.addSyntheticStream(stream.name(), stream.spec());
                }
                runWorkload(emulator, connector, workload, options, results);
                write(results, options);
            }
        }
        return results;
    }

    /** The results of earlier runs, in the order of their directories, rewritten to --out. */
    private static List<RunResult> merge(BenchmarkArgs options) throws Exception {
        List<RunResult> results = new ArrayList<>();
        for (Path dir : options.merge()) {
            results.addAll(ResultFiles.parse(Files.readString(dir.resolve("results.json"))));
        }
        Files.createDirectories(options.out());
        write(results, options);
        return results;
    }

    private static void runWorkload(
            KinesisVideoEmulator emulator,
            ConnectorRun connector,
            Workload workload,
            BenchmarkArgs options,
            List<RunResult> results)
            throws Exception {
        Truth truth = Truth.of(emulator, workload);
        System.out.printf(
                Locale.ROOT,
                "%n== %s: %s, %,d fragments, at least %d calls, physical limit %.1f s%n",
                workload.name(),
                workload.description(),
                truth.tally().count(),
                PhysicalLimit.minCalls(truth.fragmentsPerStream()),
                PhysicalLimit.minSeconds(truth.fragmentsPerStream()));
        double baselineSeconds = Double.NaN;
        if (options.baseline()) {
            SdkBaseline baseline = new SdkBaseline(emulator);
            RunResult result =
                    measure(
                            emulator,
                            workload,
                            truth,
                            "baseline",
                            Double.NaN,
                            tally -> {
                                baseline.read(workload, tally);
                                return new ConnectorRun.Checkpoints(-1, -1);
                            });
            baselineSeconds = result.wallSeconds();
            results.add(report(result));
        }
        for (double budget : options.budgetsTps()) {
            for (int splitsInFlight : options.splitsInFlight()) {
                for (int fetchThreads : options.fetchThreads()) {
                    for (int parallelism : options.parallelisms()) {
                        ConnectorRun.Settings settings =
                                new ConnectorRun.Settings(
                                        parallelism,
                                        budget,
                                        fetchThreads,
                                        splitsInFlight,
                                        options.checkpointInterval());
                        results.add(
                                report(
                                        measure(
                                                emulator,
                                                workload,
                                                truth,
                                                configuration(options, settings),
                                                baselineSeconds,
                                                tally ->
                                                        connector.run(
                                                                workload,
                                                                settings,
                                                                truth.tally().count()))));
                    }
                }
            }
        }
    }

    /**
     * "connector-p4", plus the settings that vary in this run or differ from the source's defaults:
     * "-b4.75", "-s2", "-f1".
     */
    static String configuration(BenchmarkArgs options, ConnectorRun.Settings settings) {
        StringBuilder name = new StringBuilder("connector-p").append(settings.parallelism());
        if (options.budgetsTps().size() > 1) {
            name.append(String.format(Locale.ROOT, "-b%s", settings.budgetTps()));
        }
        if (options.splitsInFlight().size() > 1
                || settings.splitsInFlight()
                        != KinesisVideoSourceOptions.READER_SPLITS_IN_FLIGHT.defaultValue()) {
            name.append("-s").append(settings.splitsInFlight());
        }
        if (options.fetchThreads().size() > 1
                || settings.fetchThreads()
                        != KinesisVideoSourceOptions.READER_FETCH_THREADS.defaultValue()) {
            name.append("-f").append(settings.fetchThreads());
        }
        return name.toString();
    }

    /** One way of reading a workload into a tally. */
    private interface Reader {
        ConnectorRun.Checkpoints read(Tally tally) throws Exception;
    }

    private static RunResult measure(
            KinesisVideoEmulator emulator,
            Workload workload,
            Truth truth,
            String configuration,
            double baselineSeconds,
            Reader reader)
            throws Exception {
        Thread.sleep(PAUSE.toMillis());
        EmulatorCounters counters = emulator.counters();
        counters.reset();
        // The connector's sink adds to Tally.SINK; the baseline to a tally of its own.
        Tally tally = configuration.equals("baseline") ? new Tally() : Tally.SINK;
        ConnectorRun.Checkpoints checkpoints;
        double seconds;
        long peakHeap;
        long peakLiveHeap;
        try (HeapSampler heap = HeapSampler.start()) {
            long started = System.nanoTime();
            checkpoints = reader.read(tally);
            seconds = (System.nanoTime() - started) / 1e9;
            peakHeap = heap.peakUsedBytes();
            peakLiveHeap = heap.peakAfterGcBytes();
        }
        return new RunResult(
                workload.name(),
                configuration,
                workload.streams().size(),
                tally.count(),
                truth.tally().count(),
                truth.matches(tally),
                seconds,
                PhysicalLimit.minSeconds(truth.fragmentsPerStream()),
                baselineSeconds,
                counters.requests(Operation.LIST_FRAGMENTS),
                counters.throttled(Operation.LIST_FRAGMENTS),
                PhysicalLimit.minCalls(truth.fragmentsPerStream()),
                counters.requests(Operation.GET_DATA_ENDPOINT),
                peakHeap,
                peakLiveHeap,
                checkpoints.midRunBytes(),
                checkpoints.maxBytes(),
                workload.days());
    }

    private static RunResult report(RunResult r) {
        System.out.printf(
                Locale.ROOT,
                "%-14s %s %,9d fragments in %7.1f s = %,8.0f/s, %5.1f%% of limit, x%s baseline,"
                        + " %d calls (%.3f of min), %d throttled, heap %d MB (live %d MB),"
                        + " checkpoint mid-run %s%n",
                r.configuration(),
                r.correct() ? "OK   " : "WRONG",
                r.fragments(),
                r.wallSeconds(),
                r.fragmentsPerSecond(),
                100 * r.ratioToLimit(),
                Double.isFinite(r.speedupOverBaseline())
                        ? String.format(Locale.ROOT, "%.2f", r.speedupOverBaseline())
                        : "-",
                r.calls(),
                r.callsOverMinimum(),
                r.throttled(),
                r.peakHeapBytes() >> 20,
                r.peakLiveHeapBytes() >> 20,
                r.checkpointMidRunBytes() < 0
                        ? "-"
                        : String.format(Locale.ROOT, "%.1f kB", r.checkpointMidRunBytes() / 1e3));
        return r;
    }

    private static void write(List<RunResult> results, BenchmarkArgs options) throws Exception {
        Path out = options.out();
        Files.writeString(out.resolve("results.json"), ResultTable.json(results));
        Files.writeString(out.resolve("results.csv"), ResultTable.csv(results));
        Files.writeString(out.resolve("results.md"), ResultTable.markdown(results));
        ThroughputChart.write(
                results,
                String.format(
                        Locale.ROOT,
                        "ListFragments fragments/s, %s set, budget %s/s, latency %d±%d ms,"
                                + " quota 5/s per stream",
                        options.full() ? "full" : options.merge().isEmpty() ? "quick" : "merged",
                        options.budgetsTps(),
                        options.latencyMillis(),
                        options.jitterMillis()),
                out.resolve("throughput.png"));
    }

    private static String environment(BenchmarkArgs options) {
        Runtime runtime = Runtime.getRuntime();
        return String.format(
                Locale.ROOT,
                "Benchmark: %s set %s, parallelisms %s, budget %s calls/s per stream,"
                        + " fetch threads %s, splits in flight %s,"
                        + " quota 5 calls/s per stream, latency %d±%d ms, checkpoints every %s,"
                        + " %s pages%nMachine: %d cores, Java %s (%s), max heap %d MB, %s %s%n",
                options.full() ? "full" : "quick",
                options.workloads(),
                options.parallelisms(),
                options.budgetsTps(),
                options.fetchThreads(),
                options.splitsInFlight(),
                options.latencyMillis(),
                options.jitterMillis(),
                TimeUtils.formatWithHighestUnit(options.checkpointInterval()),
                options.realisticPages() ? "realistic (short and empty)" : "full",
                runtime.availableProcessors(),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                runtime.maxMemory() >> 20,
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }

    /** The version in the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchmarkMain.class.getPackage().getImplementationVersion();
            return new String[] {
                "Kinesis Video Streams connector benchmark "
                        + (version == null ? "(not run from a jar)" : version)
            };
        }
    }
}
