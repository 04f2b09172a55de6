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

package dev.kvsflink.connector.kinesisvideo.source;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import dev.kvsflink.connector.kinesisvideo.testutils.ExactlyOnce;
import dev.kvsflink.connector.kinesisvideo.testutils.GroundTruth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tail mode against live emulator streams that grow in real time, with a 1 s visibility delay:
 * streams of different rates and one that is silent. Every run must emit, per stream, exactly the
 * fragments from the start up to some time, in order, once each; never one younger than "now minus
 * the lag"; and, within a minute, every fragment up to a few seconds past the moment it is asked
 * to. That holds across a stop and resume from a savepoint, across a TaskManager failure and with
 * watermark alignment. (Latency is measured by {@code TailLatencyBenchmark}.)
 */
class KinesisVideoFragmentSourceTailITCase {

    private static final int PARALLELISM = 4;
    private static final Duration LAG = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(500);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(builder -> builder.seed(21).tpsPerStream(5));

    private static int runs;

    @BeforeEach
    void reset() {
        RecordingMap.SEEN.clear();
        CountingWindows.FIRED.clear();
    }

    @Test
    void tailingLiveStreamsEmitsEveryFragmentOlderThanTheStopTimeMinusTheLagExactlyOnce(
            @TempDir Path savepoints) throws Exception {
        List<String> streams = liveStreams();
        Instant start = Instant.now();
        Thread.sleep(3_000); // some history first: the job backfills it, then tails

        StreamExecutionEnvironment env = environment(PARALLELISM);
        DataStream<KinesisVideoFragment> fragments = recorded(env, streams, start);
        fragments
                .windowAll(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .process(new CountingWindows())
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("tail");
        // Latency is the benchmark's business (TailLatencyBenchmark): here the output must reach
        // a few seconds of live data past the history, however long a loaded machine takes.
        Instant mustReach = Instant.now().plus(Duration.ofSeconds(5));
        awaitCoverage(streams, start, mustReach);
        Instant stoppedAt = Instant.now();
        job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();

        List<KinesisVideoFragment> seen = new ArrayList<>(RecordingMap.SEEN);
        assertExactPrefixes(seen, streams, start, mustReach);
        assertThat(seen)
                .allSatisfy(
                        f ->
                                assertThat(f.serverTimestamp())
                                        .isBefore(stoppedAt.minus(LAG).plusMillis(1)));
        // The silent stream holds nothing back: event-time windows fired, each complete.
        assertThat(CountingWindows.FIRED).isNotEmpty();
        CountingWindows.FIRED.forEach(
                (windowStart, count) ->
                        assertThat(count)
                                .as("fragments in the second from %s", windowStart)
                                .isEqualTo(
                                        groundTruth(
                                                        streams,
                                                        windowStart.isBefore(start)
                                                                ? start
                                                                : windowStart,
                                                        windowStart.plusSeconds(1))
                                                .size()));
    }

    @Test
    void resumingFromAStopWithSavepointDeliversWhatArrivedMeanwhileOnce(@TempDir Path savepoints)
            throws Exception {
        List<String> streams = liveStreams();
        Instant start = Instant.now();

        StreamExecutionEnvironment first = environment(PARALLELISM);
        recorded(first, streams, start);
        JobClient job = first.executeAsync("before the savepoint");
        Thread.sleep(5_000);
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        Thread.sleep(3_000); // fragments arrive while no job runs

        Configuration resume = new Configuration();
        resume.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment second =
                StreamExecutionEnvironment.getExecutionEnvironment(resume);
        configure(second, 2);
        recorded(second, streams, start);
        JobClient resumed = second.executeAsync("after the savepoint");
        Instant resumedAt = Instant.now();
        Instant mustReach = resumedAt.plus(Duration.ofSeconds(2));
        awaitCoverage(streams, start, mustReach);
        resumed.cancel().get();

        assertExactPrefixes(new ArrayList<>(RecordingMap.SEEN), streams, start, mustReach);
    }

    @Test
    void aTaskManagerFailureWhileTailingLosesAndDuplicatesNothing(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        List<String> streams = liveStreams();
        Instant start = Instant.now();
        StreamExecutionEnvironment env = environment(PARALLELISM);
        List<KinesisVideoFragment> received = new ArrayList<>();
        try (CloseableIterator<KinesisVideoFragment> results =
                source(env, streams, start).executeAndCollect("tail with a failure")) {
            // The collect sink hands out only what a checkpoint covered: exactly once.
            while (received.size() < 20) {
                received.add(results.next());
            }
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            Instant mustReach = Instant.now().plus(Duration.ofSeconds(3));
            while (!covers(received, streams, start, mustReach)) {
                received.add(results.next());
            }
            assertExactPrefixes(received, streams, start, mustReach);
        }
    }

    @Test
    void withWatermarkAlignmentABackfillThatTurnsIntoATailLosesAndDuplicatesNothing(
            @TempDir Path savepoints) throws Exception {
        Instant start = Instant.now().minus(Duration.ofSeconds(30));
        List<String> streams = new ArrayList<>(liveStreams());
        String history = "history-" + runs;
        EMULATOR.emulator()
                .addSyntheticStream(
                        history,
                        SyntheticStreamSpec.builder()
                                .seed(runs)
                                .fragments(600)
                                .start(start)
                                .interval(Duration.ofMillis(48))
                                .jitter(Duration.ofMillis(5))
                                .build());
        streams.add(history);
        StreamExecutionEnvironment env = environment(2);
        // 30 s of dense history at one window per second, then live streams: the readers'
        // splits drift apart, and the alignment pauses the ones that run more than 1 s ahead.
        KinesisVideoFragmentSource source = source(streams, start);
        env.fromSource(
                        source,
                        WatermarkStrategy.<KinesisVideoFragment>forMonotonousTimestamps()
                                .withWatermarkAlignment(
                                        "kvs", Duration.ofSeconds(1), Duration.ofMillis(100)),
                        "kvs")
                .map(new RecordingMap())
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("aligned tail");
        Instant mustReach = Instant.now().plus(Duration.ofSeconds(2));
        awaitCoverage(streams, start, mustReach);
        job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();

        assertExactPrefixes(new ArrayList<>(RecordingMap.SEEN), streams, start, mustReach);
    }

    @Test
    void everyStreamIsTailedWhenThereAreMoreStreamsThanReaderPlaces() throws Exception {
        // 12 open tails, and one reader with 2 places: the tails must not fill the places.
        List<String> streams = new ArrayList<>();
        int run = ++runs;
        for (int i = 0; i < 12; i++) {
            String name = "many-" + run + "-" + i;
            EMULATOR.emulator()
                    .addLiveStream(
                            name,
                            LiveStreamSpec.builder()
                                    .seed(run * 100L + i)
                                    .rate(2)
                                    .visibilityDelay(Duration.ofSeconds(1))
                                    .build());
            streams.add(name);
        }
        Instant start = Instant.now();

        StreamExecutionEnvironment env = environment(1);
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.READER_SPLITS_IN_FLIGHT, 2);
        env.fromSource(
                        source(streams, start, options),
                        WatermarkStrategy.forMonotonousTimestamps(),
                        "kvs")
                .map(new RecordingMap())
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("many tails");
        // What arrived while the job started is read as closed windows; from then on only the
        // streams' open tails can deliver what arrives.
        awaitCoverage(streams, start, Instant.now());
        Instant mustReach = Instant.now().plus(Duration.ofSeconds(5));
        awaitCoverage(streams, start, mustReach);
        job.cancel().get();

        assertExactPrefixes(new ArrayList<>(RecordingMap.SEEN), streams, start, mustReach);
    }

    // ------------------------------------------------------------------------

    /** A fast, a slow, a sparse and a silent live stream, with fresh names. */
    private static List<String> liveStreams() {
        int run = ++runs;
        double[] rates = {4, 1, 0.25};
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            String name = "live-" + run + "-" + i;
            EMULATOR.emulator()
                    .addLiveStream(
                            name,
                            LiveStreamSpec.builder()
                                    .seed(run * 10L + i)
                                    .rate(rates[i])
                                    .visibilityDelay(Duration.ofSeconds(1))
                                    .build());
            names.add(name);
        }
        String silent = "live-" + run + "-silent";
        EMULATOR.emulator().addLiveStream(silent, LiveStreamSpec.builder().build()).pause();
        names.add(silent);
        return names;
    }

    private static StreamExecutionEnvironment environment(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, parallelism);
        return env;
    }

    private static void configure(StreamExecutionEnvironment env, int parallelism) {
        env.setParallelism(parallelism);
        env.enableCheckpointing(300);
    }

    private static DataStream<KinesisVideoFragment> source(
            StreamExecutionEnvironment env, List<String> streams, Instant start) {
        return env.fromSource(
                        source(streams, start), WatermarkStrategy.forMonotonousTimestamps(), "kvs")
                .uid("kvs-source");
    }

    private static KinesisVideoFragmentSource source(List<String> streams, Instant start) {
        return source(streams, start, new Configuration());
    }

    private static KinesisVideoFragmentSource source(
            List<String> streams, Instant start, Configuration extraOptions) {
        Configuration options = new Configuration(extraOptions);
        options.set(KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG, LAG);
        options.set(KinesisVideoSourceOptions.TAIL_POLL_INTERVAL, POLL);
        // Short windows, so that the history before the job started is read as closed windows.
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofSeconds(1));
        return KinesisVideoFragmentSource.builder()
                .streams(streams)
                .startingAt(start)
                .awsOptions(EmulatorAwsOptions.of(EMULATOR.emulator()))
                .sourceOptions(options)
                .build();
    }

    private static DataStream<KinesisVideoFragment> recorded(
            StreamExecutionEnvironment env, List<String> streams, Instant start) {
        DataStream<KinesisVideoFragment> recorded =
                source(env, streams, start).map(new RecordingMap()).uid("recording-map");
        recorded.sinkTo(new DiscardingSink<>());
        return recorded;
    }

    private static List<KinesisVideoFragment> groundTruth(
            List<String> streams, Instant start, Instant end) {
        return groundTruth(EMULATOR.emulator(), streams, start, end);
    }

    private static List<KinesisVideoFragment> groundTruth(
            KinesisVideoEmulator emulator, List<String> streams, Instant start, Instant end) {
        return GroundTruth.of(emulator, streams, FragmentSelectorType.SERVER_TIMESTAMP, start, end);
    }

    private static void assertExactPrefixes(
            List<KinesisVideoFragment> emitted,
            List<String> streams,
            Instant start,
            Instant atLeastUntil) {
        assertExactPrefixes(EMULATOR.emulator(), emitted, streams, start, atLeastUntil);
    }

    /**
     * Per stream, {@code emitted} is exactly the stream's fragments from {@code start} up to its
     * latest emitted one, each once, and includes every fragment before {@code atLeastUntil}.
     */
    static void assertExactPrefixes(
            KinesisVideoEmulator emulator,
            List<KinesisVideoFragment> emitted,
            List<String> streams,
            Instant start,
            Instant atLeastUntil) {
        ExactlyOnce.assertExactPrefixes(emulator, emitted, streams, start, atLeastUntil);
    }

    private static boolean covers(
            List<KinesisVideoFragment> emitted, List<String> streams, Instant start, Instant end) {
        return covers(EMULATOR.emulator(), emitted, streams, start, end);
    }

    private static boolean covers(
            KinesisVideoEmulator emulator,
            List<KinesisVideoFragment> emitted,
            List<String> streams,
            Instant start,
            Instant end) {
        return ExactlyOnce.covers(emulator, emitted, streams, start, end);
    }

    private static void awaitCoverage(List<String> streams, Instant start, Instant end)
            throws InterruptedException {
        awaitCoverage(EMULATOR.emulator(), streams, start, end);
    }

    /** Waits until {@link RecordingMap} has seen every fragment of {@code [start, end)}. */
    static void awaitCoverage(
            KinesisVideoEmulator emulator, List<String> streams, Instant start, Instant end)
            throws InterruptedException {
        BooleanSupplier covered =
                () -> covers(emulator, new ArrayList<>(RecordingMap.SEEN), streams, start, end);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!covered.getAsBoolean()) {
            assertThat(System.nanoTime()).as("coverage up to %s in time", end).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Records every fragment it sees. */
    static final class RecordingMap
            implements MapFunction<KinesisVideoFragment, KinesisVideoFragment> {
        static final Queue<KinesisVideoFragment> SEEN = new ConcurrentLinkedQueue<>();

        @Override
        public KinesisVideoFragment map(KinesisVideoFragment fragment) {
            SEEN.add(fragment);
            return fragment;
        }
    }

    /** Records how many fragments each fired one-second event-time window held. */
    private static final class CountingWindows
            extends ProcessAllWindowFunction<KinesisVideoFragment, Long, TimeWindow> {
        static final Map<Instant, Long> FIRED =
                java.util.Collections.synchronizedMap(new TreeMap<>());

        @Override
        public void process(
                Context context, Iterable<KinesisVideoFragment> elements, Collector<Long> out) {
            long count = 0;
            for (KinesisVideoFragment ignored : elements) {
                count++;
            }
            FIRED.put(Instant.ofEpochMilli(context.window().getStart()), count);
            out.collect(count);
        }
    }
}
