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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's command line. Every flag has a default; the defaults run the quick set.
 *
 * <pre>
 * --full                    the full workloads instead of the quick ones
 * --workloads a,b           which workloads (single, multi16, sparse, mixed; default all)
 * --parallelism 1,2,4       the connector's parallelisms (default 1,2,4)
 * --no-baseline             skip the SDK baseline (then there is no x_baseline figure)
 * --budget-tps 4.0,4.75     source.stream.list-fragments.budget-tps, one connector run per value
 *                           and parallelism (default 4.0, the option's default)
 * --fetch-threads 1,2       source.reader.fetch-threads, one connector run per value (default 2)
 * --splits-in-flight 2,4    source.reader.splits-in-flight, one connector run per value (default 2)
 * --latency 50 --jitter 20  added latency per request: uniform in [latency - jitter, latency + jitter] ms
 * --checkpoint-interval 2s  checkpoint interval of the connector's job
 * --realistic-pages         the emulator's short and empty pages (default: full pages)
 * --seed 7                  the emulator's seed
 * --out DIR                 where results.json, results.csv and throughput.png go
 * --merge DIR,DIR           runs nothing: merges the results.json of earlier runs into --out
 * </pre>
 *
 * @param full whether to run the full workloads
 * @param workloads the workloads' names, in the order they run
 * @param parallelisms the connector's parallelisms, in the order they run
 * @param baseline whether to run the SDK baseline
 * @param budgetsTps the connector's request budgets per stream, one run per value
 * @param fetchThreads the connector's fetcher threads per reader, one run per value
 * @param splitsInFlight the windows one reader holds at once, one run per value
 * @param latencyMillis the mean added latency per request
 * @param jitterMillis how far the added latency strays from the mean, either way
 * @param checkpointInterval the connector job's checkpoint interval
 * @param realisticPages whether the emulator returns short and empty pages now and then
 * @param seed the emulator's seed
 * @param out the output directory
 * @param merge directories whose results to merge instead of running; empty to run
 */
public record BenchmarkArgs(
        boolean full,
        List<String> workloads,
        List<Integer> parallelisms,
        boolean baseline,
        List<Double> budgetsTps,
        List<Integer> fetchThreads,
        List<Integer> splitsInFlight,
        long latencyMillis,
        long jitterMillis,
        Duration checkpointInterval,
        boolean realisticPages,
        long seed,
        Path out,
        List<Path> merge) {

    /** Parses {@code args}; throws {@link IllegalArgumentException} naming a bad flag or value. */
    public static BenchmarkArgs parse(String... args) {
        boolean full = false;
        List<String> workloads = Workload.NAMES;
        List<Integer> parallelisms = List.of(1, 2, 4);
        boolean baseline = true;
        List<Double> budgets = List.of(4.0);
        List<Integer> fetchThreads =
                List.of(KinesisVideoSourceOptions.READER_FETCH_THREADS.defaultValue());
        List<Integer> splitsInFlight =
                List.of(KinesisVideoSourceOptions.READER_SPLITS_IN_FLIGHT.defaultValue());
        long latency = 50;
        long jitter = 20;
        Duration checkpointInterval = Duration.ofSeconds(2);
        boolean realisticPages = false;
        long seed = 7;
        Path out = Path.of("target", "benchmarks");
        List<Path> merge = List.of();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--full" -> full = true;
                case "--no-baseline" -> baseline = false;
                case "--realistic-pages" -> realisticPages = true;
                case "--workloads" -> workloads = workloads(value(args, ++i, flag));
                case "--parallelism" -> parallelisms = parallelisms(value(args, ++i, flag));
                case "--budget-tps" -> budgets = budgets(value(args, ++i, flag));
                case "--fetch-threads" -> fetchThreads = atLeastOne(value(args, ++i, flag), flag);
                case "--splits-in-flight" ->
                        splitsInFlight = atLeastOne(value(args, ++i, flag), flag);
                case "--latency" -> latency = Long.parseLong(value(args, ++i, flag));
                case "--jitter" -> jitter = Long.parseLong(value(args, ++i, flag));
                case "--checkpoint-interval" ->
                        checkpointInterval = TimeUtils.parseDuration(value(args, ++i, flag));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, flag));
                case "--out" -> out = Path.of(value(args, ++i, flag));
                case "--merge" ->
                        merge =
                                Arrays.stream(value(args, ++i, flag).split(","))
                                        .map(String::trim)
                                        .map(Path::of)
                                        .toList();
                default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
            }
        }
        if (jitter < 0 || latency < jitter) {
            throw new IllegalArgumentException("need 0 <= --jitter <= --latency");
        }
        return new BenchmarkArgs(
                full,
                workloads,
                parallelisms,
                baseline,
                budgets,
                fetchThreads,
                splitsInFlight,
                latency,
                jitter,
                checkpointInterval,
                realisticPages,
                seed,
                out,
                merge);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static List<String> workloads(String list) {
        List<String> names = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!Workload.NAMES.contains(name.trim())) {
                throw new IllegalArgumentException(
                        "unknown workload '" + name + "', expected some of " + Workload.NAMES);
            }
            names.add(name.trim());
        }
        return List.copyOf(names);
    }

    private static List<Double> budgets(String list) {
        List<Double> values =
                Arrays.stream(list.split(",")).map(String::trim).map(Double::valueOf).toList();
        if (values.stream().anyMatch(b -> !(b > 0))) {
            throw new IllegalArgumentException("budgets must be > 0, were " + list);
        }
        return values;
    }

    private static List<Integer> atLeastOne(String list, String flag) {
        List<Integer> values =
                Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
        if (values.stream().anyMatch(v -> v < 1)) {
            throw new IllegalArgumentException(flag + " values must be >= 1, were " + list);
        }
        return values;
    }

    private static List<Integer> parallelisms(String list) {
        List<Integer> values =
                Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
        if (values.stream().anyMatch(p -> p < 1)) {
            throw new IllegalArgumentException("parallelisms must be >= 1, were " + list);
        }
        return values;
    }
}
