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

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSourceBuilder;
import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.cli.HumanUnits;
import dev.kvsflink.examples.cli.JobLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Joins camera fragments with sensor readings in event time: for each fragment, the readings taken
 * inside it ({@code [timestamp, timestamp + FragmentLengthInMilliseconds)} on the selected
 * timestamp), summed up as count, minimum, maximum and mean ({@link FragmentStats}).
 *
 * <p>The fragments come from {@link KinesisVideoFragmentSource} over {@code [start, end)}, the
 * readings from a {@link DataGeneratorSource} of seeded synthetic readings ({@link
 * SensorReadings}); both have exact watermarks, so nothing is late. An interval join pairs each
 * fragment with the readings up to {@code --max-fragment-length} after its start ({@link
 * ReadingInFragment} keeps those inside the fragment), and {@link StatsPerFragment} adds them up
 * per fragment, fragments without readings included.
 *
 * <pre>{@code
 * java -cp examples/target/fragment-index.jar dev.kvsflink.examples.sensorjoin.SensorJoinJob --demo
 * }</pre>
 *
 * <p>Started by {@link JobLauncher} (exit codes; on a cluster no {@code System.exit}); {@code
 * --help} lists the flags ({@link SensorJoinArgs}).
 */
@Command(
        name = "sensor-join",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        sortOptions = false,
        description =
                "Joins camera fragments with generated sensor readings in event time: count,"
                        + " minimum, maximum and mean of the readings in each fragment. Exit codes:"
                        + " 0 done, 1 the job failed, 2 bad arguments.")
public final class SensorJoinJob implements Callable<Integer> {

    @Mixin SensorJoinArgs args;

    @Spec CommandSpec spec;

    public static void main(String[] args) throws Exception {
        JobLauncher.launch(new SensorJoinJob(), args);
    }

    @Override
    public Integer call() throws Exception {
        args.check(spec.commandLine());
        if (args.demo) {
            try (SensorJoinDemo demo = SensorJoinDemo.start()) {
                run(demo.argsFor(args), demo.awsOptions(), System.out);
            }
        } else {
            run(args, new Configuration(), System.out);
        }
        return 0;
    }

    /**
     * Runs the join to its end, writes the CSV file when {@code --output} is given, and prints a
     * summary per stream to {@code out}.
     *
     * @param awsOptions {@code aws.*} options beyond region and endpoint (e.g. credentials)
     * @return the statistics of every fragment of the range, in no particular order
     */
    public static List<FragmentStats> run(
            SensorJoinArgs args, Configuration awsOptions, PrintStream out) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(args.parallelism);
        SensorReadings readings = args.readings();
        out.printf(
                "sensor-join: %d stream(s), %s .. %s by %s, %d readings%n",
                args.streams.size(), args.start, args.end, args.selector, readings.count());

        Instant started = Instant.now();
        List<FragmentStats> results = new ArrayList<>();
        try (CloseableIterator<FragmentStats> it =
                pipeline(env, fragmentSource(args, awsOptions), readings, args)
                        .executeAndCollect("sensor-join")) {
            it.forEachRemaining(results::add);
        }
        out.printf(
                "sensor-join: done in %s%n",
                HumanUnits.duration(Duration.between(started, Instant.now())));
        if (args.output != null) {
            write(results, args.output);
            out.printf("sensor-join: wrote %d fragments to %s%n", results.size(), args.output);
        }
        printSummary(results, out);
        return results;
    }

    /** The job's graph: both sources, the interval join and the statistics per fragment. */
    static DataStream<FragmentStats> pipeline(
            StreamExecutionEnvironment env,
            KinesisVideoFragmentSource fragmentSource,
            SensorReadings readings,
            SensorJoinArgs args) {
        // Locals, not args: the lambdas below are serialized with what they capture.
        long maxLength = args.maxFragmentLength.toMillis();
        FragmentSelectorType selector = args.selector;
        DataStream<KinesisVideoFragment> fragments =
                env.fromSource(
                                fragmentSource,
                                WatermarkStrategy.<KinesisVideoFragment>forMonotonousTimestamps(),
                                "kinesis-video-fragments")
                        .map(fragment -> checkLength(fragment, maxLength))
                        .name("check-fragment-length");
        DataStream<SensorReading> sensor =
                env.fromSource(
                        new DataGeneratorSource<>(
                                readings,
                                readings.count(),
                                TypeInformation.of(SensorReading.class)),
                        WatermarkStrategy.<SensorReading>forMonotonousTimestamps()
                                .withTimestampAssigner((r, previous) -> r.timestampMillis()),
                        "sensor-readings");

        DataStream<FragmentStats> joined =
                fragments
                        .keyBy(KinesisVideoFragment::streamName)
                        .intervalJoin(sensor.keyBy(SensorReading::camera))
                        .between(Duration.ZERO, Duration.ofMillis(maxLength))
                        .upperBoundExclusive()
                        .process(new ReadingInFragment(selector))
                        .name("readings-in-fragments");
        DataStream<FragmentStats> everyFragment =
                fragments
                        .map(fragment -> FragmentStats.of(fragment, selector))
                        .name("every-fragment");
        return joined.union(everyFragment)
                .keyBy(StatsPerFragment::key)
                .process(new StatsPerFragment())
                .name("stats-per-fragment");
    }

    private static KinesisVideoFragmentSource fragmentSource(
            SensorJoinArgs args, Configuration awsOptions) {
        KinesisVideoFragmentSourceBuilder source =
                KinesisVideoFragmentSource.builder()
                        .streams(args.streams)
                        .selector(args.selector)
                        .range(args.start, args.end)
                        .region(args.region)
                        .awsOptions(awsOptions);
        if (args.endpoint != null) {
            source.endpoint(args.endpoint);
        }
        return source.build();
    }

    /** Fails on a fragment longer than the join's bound, whose last readings it would miss. */
    private static KinesisVideoFragment checkLength(KinesisVideoFragment f, long maxLength) {
        if (f.fragmentLengthInMilliseconds() > maxLength) {
            throw new IllegalStateException(
                    "Fragment "
                            + f.fragmentNumber()
                            + " of "
                            + f.streamName()
                            + " is "
                            + f.fragmentLengthInMilliseconds()
                            + " ms long, longer than --max-fragment-length ("
                            + maxLength
                            + " ms): raise it");
        }
        return f;
    }

    private static void write(List<FragmentStats> results, Path file) throws IOException {
        List<FragmentStats> sorted = new ArrayList<>(results);
        sorted.sort(
                Comparator.comparing(FragmentStats::stream)
                        .thenComparingLong(FragmentStats::startMillis)
                        .thenComparing(
                                FragmentStats::fragmentNumber,
                                KinesisVideoFragment.FRAGMENT_NUMBER_ORDER));
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(FragmentStats.CSV_HEADER);
            w.newLine();
            for (FragmentStats s : sorted) {
                w.write(s.toCsv());
                w.newLine();
            }
        }
    }

    private static void printSummary(List<FragmentStats> results, PrintStream out) {
        Map<String, long[]> perStream = new TreeMap<>();
        for (FragmentStats s : results) {
            long[] t = perStream.computeIfAbsent(s.stream(), k -> new long[3]);
            t[0]++;
            t[1] += s.count() > 0 ? 1 : 0;
            t[2] += s.count();
        }
        out.printf("%-20s %10s %15s %10s%n", "stream", "fragments", "with readings", "readings");
        perStream.forEach(
                (stream, t) -> out.printf("%-20s %10d %15d %10d%n", stream, t[0], t[1], t[2]));
    }
}
