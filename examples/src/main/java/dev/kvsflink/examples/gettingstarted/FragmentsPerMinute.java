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

package dev.kvsflink.examples.gettingstarted;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.WindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSourceBuilder;
import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.cli.HumanUnits;
import dev.kvsflink.examples.cli.JobLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The first job of docs/getting-started.md: fragments and bytes per stream and minute, printed as
 * each minute completes. Tails the streams from {@code --start} (default: 5 minutes ago), or reads
 * {@code [--start, --end)} and ends. Credentials come from the AWS SDK's default chain.
 *
 * <pre>
 * java -cp fragment-index.jar dev.kvsflink.examples.gettingstarted.FragmentsPerMinute \
 *     --stream cam-1 [--stream cam-2 …] [--start 2026-01-01T00:00:00Z] [--end …] \
 *     [--region us-east-1] [--endpoint http://127.0.0.1:4566]
 * </pre>
 */
@Command(
        name = "fragments-per-minute",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        sortOptions = false,
        description =
                "Prints fragments and bytes per stream and minute as each minute completes. Exit"
                        + " codes: 0 done, 1 the job failed, 2 bad arguments.")
public final class FragmentsPerMinute implements Callable<Integer> {

    @Option(
            names = "--stream",
            paramLabel = "NAME",
            required = true,
            description = "A stream to count (repeatable).")
    List<String> streams = new ArrayList<>();

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description = "Where to start (ISO-8601 UTC; default: 5 minutes ago).")
    Instant start = Instant.now().minus(Duration.ofMinutes(5));

    @Option(
            names = "--end",
            paramLabel = "INSTANT",
            description = "Where to end, exclusive (default: tail the streams until stopped).")
    @Nullable
    Instant end;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "The streams' AWS region (default: ${DEFAULT-VALUE}).")
    String region = "us-east-1";

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "The control-plane endpoint (default: the region's public one).")
    @Nullable
    URI endpoint;

    @Spec CommandSpec spec;

    public static void main(String[] args) throws Exception {
        JobLauncher.launch(new FragmentsPerMinute(), args);
    }

    @Override
    public Integer call() throws Exception {
        Cli.require(
                spec.commandLine(),
                new HashSet<>(streams).size() == streams.size(),
                "--stream " + streams + " names a stream twice");
        Cli.require(
                spec.commandLine(),
                end == null || start.isBefore(end),
                "--start " + start + " must be before --end " + end);
        KinesisVideoFragmentSourceBuilder source =
                KinesisVideoFragmentSource.builder().streams(streams).region(region);
        if (endpoint != null) {
            source.endpoint(endpoint);
        }
        if (end != null) {
            source.range(start, end); // bounded: [start, end)
        } else {
            source.startingAt(start); // unbounded: follows the streams until stopped
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        perMinute(env, source.build()).print();
        env.execute("fragments-per-minute");
        return 0;
    }

    /** Fragments and bytes per stream and minute of the fragments' (server) timestamps. */
    public static DataStream<MinuteCount> perMinute(
            StreamExecutionEnvironment env, KinesisVideoFragmentSource source) {
        // The source emits each stream in timestamp order and its watermarks are exact, so a
        // minute is complete, and printed, as soon as the watermark passes its end.
        return env.fromSource(
                        source,
                        WatermarkStrategy.<KinesisVideoFragment>forMonotonousTimestamps(),
                        "kvs-fragments")
                .map(f -> new MinuteCount(f.streamName(), null, 1, f.fragmentSizeInBytes()))
                .keyBy(MinuteCount::stream)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .reduce(MinuteCount::plus, new StampWithMinute());
    }

    /** One stream's fragments and bytes in the minute starting at {@code minute}. */
    public record MinuteCount(String stream, Instant minute, long fragments, long bytes) {

        MinuteCount plus(MinuteCount other) {
            return new MinuteCount(
                    stream, minute, fragments + other.fragments, bytes + other.bytes);
        }

        @Override
        public String toString() {
            return String.format(
                    "%-12s %s %6d fragments %10s",
                    stream, minute, fragments, HumanUnits.bytes(bytes));
        }
    }

    private static final class StampWithMinute
            implements WindowFunction<MinuteCount, MinuteCount, String, TimeWindow> {
        @Override
        public void apply(
                String stream,
                TimeWindow minute,
                Iterable<MinuteCount> sum,
                Collector<MinuteCount> out) {
            MinuteCount total = sum.iterator().next();
            out.collect(
                    new MinuteCount(
                            stream,
                            Instant.ofEpochMilli(minute.getStart()),
                            total.fragments(),
                            total.bytes()));
        }
    }
}
