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
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import dev.kvsflink.connector.kinesisvideo.testutils.GroundTruth;
import dev.kvsflink.connector.kinesisvideo.testutils.MinuteCounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end on a MiniCluster, through the SDK client over HTTP, against the KVS emulator
 * (shuffled, short and empty pages, SigV4), checked against the emulator's ground truth: complete
 * and exact output, failover, rescaling through a savepoint, event time without late records, and
 * reading under the service quota with server errors.
 */
class KinesisVideoFragmentSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(builder -> builder.seed(7).tpsPerStream(0));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(40));

    /** A budget high enough never to wait, for tests against the emulator without its quota. */
    private static final double UNPACED_BUDGET = 1000.0;

    private static final List<String> STREAM_NAMES = List.of("cam-1", "cam-2", "cam-3");

    /** The streams as the source is given them: cam-2 by ARN, the others by name. */
    private static List<String> streams;

    @BeforeAll
    static void createStreams() {
        KinesisVideoEmulator emulator = EMULATOR.emulator();
        for (int i = 0; i < STREAM_NAMES.size(); i++) {
            emulator.addSyntheticStream(
                    STREAM_NAMES.get(i),
                    SyntheticStreamSpec.builder()
                            .seed(i)
                            .fragments(2_700)
                            .start(START.minus(Duration.ofMinutes(2)))
                            .interval(Duration.ofSeconds(1))
                            .jitter(Duration.ofMillis(400))
                            .producerSkew(Duration.ofSeconds(3))
                            .tieProbability(0.05)
                            .digitChangeAt(1_000)
                            .build());
        }
        streams = List.of("cam-1", emulator.streamArn("cam-2"), "cam-3");
    }

    @ParameterizedTest(name = "{0} stream(s), {1}, parallelism {2}")
    @CsvSource({
        "1, SERVER_TIMESTAMP, 1",
        "3, SERVER_TIMESTAMP, 1",
        "3, PRODUCER_TIMESTAMP, 1",
        "3, SERVER_TIMESTAMP, 4",
        "3, PRODUCER_TIMESTAMP, 4"
    })
    void emitsEveryFragmentInTheRangeExactlyOnce(
            int streamCount, FragmentSelectorType selector, int parallelism) throws Exception {
        List<String> names = streams.subList(0, streamCount);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);

        List<KinesisVideoFragment> result = new ArrayList<>();
        env.fromSource(source(names, selector), WatermarkStrategy.noWatermarks(), "kvs")
                .executeAndCollect()
                .forEachRemaining(result::add);

        List<KinesisVideoFragment> expected = groundTruth(names, selector);
        assertThat(result).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
        if (parallelism == 1) {
            for (String stream : STREAM_NAMES.subList(0, streamCount)) {
                assertThat(result.stream().filter(f -> f.streamName().equals(stream)))
                        .isSortedAccordingTo(
                                Comparator.comparing(
                                                (KinesisVideoFragment f) -> f.timestamp(selector))
                                        .thenComparing(
                                                KinesisVideoFragment::fragmentNumber,
                                                KinesisVideoFragment.FRAGMENT_NUMBER_ORDER));
            }
        }
    }

    /**
     * Fails the job once, after a checkpoint, at the given record: early in the first windows,
     * mid-way, and late, so the restore happens inside windows whose pages were partly emitted,
     * between windows, and with most windows done.
     */
    @ParameterizedTest(name = "failure after {0} records")
    @ValueSource(ints = {1, 700, 2_500, 6_000})
    void recoversFromAFailureWithoutLossOrDuplicates(int failAfterRecords) throws Exception {
        FailOnceAfterCheckpoint.reset(failAfterRecords);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(20);

        List<KinesisVideoFragment> result = new ArrayList<>();
        env.fromSource(
                        source(streams, FragmentSelectorType.SERVER_TIMESTAMP),
                        WatermarkStrategy.noWatermarks(),
                        "kvs")
                .map(new FailOnceAfterCheckpoint())
                .executeAndCollect()
                .forEachRemaining(result::add);

        assertThat(FailOnceAfterCheckpoint.FAILED).isTrue();
        assertThat(result)
                .containsExactlyInAnyOrderElementsOf(
                        groundTruth(streams, FragmentSelectorType.SERVER_TIMESTAMP));
    }

    @Test
    void resumesFromAStopWithSavepointAtAnotherParallelism(@TempDir Path savepoints)
            throws Exception {
        RecordingMap.reset();
        StreamExecutionEnvironment first = StreamExecutionEnvironment.getExecutionEnvironment();
        first.setParallelism(2);
        pipeline(first, 2);
        JobClient job = first.executeAsync("before the savepoint");
        awaitRecords(job, 500);
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        int before = RecordingMap.SEEN.size();

        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment second =
                StreamExecutionEnvironment.getExecutionEnvironment(conf);
        second.setParallelism(3);
        pipeline(second, 0);
        second.execute("after the savepoint");

        assertThat(before).isLessThan(RecordingMap.SEEN.size());
        assertThat(new ArrayList<>(RecordingMap.SEEN))
                .containsExactlyInAnyOrderElementsOf(
                        groundTruth(streams, FragmentSelectorType.SERVER_TIMESTAMP));
    }

    /**
     * A backfill stopped with a savepoint and resumed with a later end (as a paused backfill whose
     * range grew meanwhile): the resumed job reads on to the new end, each fragment once.
     */
    @Test
    void resumedWithALaterEndReadsOnToItExactlyOnce(@TempDir Path savepoints) throws Exception {
        Instant firstEnd = START.plus(Duration.ofMinutes(20));
        RecordingMap.reset();
        StreamExecutionEnvironment first = StreamExecutionEnvironment.getExecutionEnvironment();
        first.setParallelism(2);
        pipeline(first, 2, firstEnd);
        JobClient job = first.executeAsync("before the savepoint, to " + firstEnd);
        awaitRecords(job, 500);
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        assertThat(RecordingMap.SEEN)
                .as("the first job stopped before its end")
                .hasSizeLessThan(
                        GroundTruth.of(
                                        EMULATOR.emulator(),
                                        streams,
                                        FragmentSelectorType.SERVER_TIMESTAMP,
                                        START,
                                        firstEnd)
                                .size());

        Configuration conf = new Configuration();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment second =
                StreamExecutionEnvironment.getExecutionEnvironment(conf);
        second.setParallelism(3);
        pipeline(second, 0, END);
        second.execute("after the savepoint, to " + END);

        assertThat(new ArrayList<>(RecordingMap.SEEN))
                .containsExactlyInAnyOrderElementsOf(
                        groundTruth(streams, FragmentSelectorType.SERVER_TIMESTAMP));
    }

    @ParameterizedTest(name = "{0}, parallelism {1}")
    @CsvSource({"SERVER_TIMESTAMP, 1", "SERVER_TIMESTAMP, 3", "PRODUCER_TIMESTAMP, 2"})
    void countsPerMinuteMatchTheGroundTruthWithNoLateRecord(
            FragmentSelectorType selector, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.getConfig().setAutoWatermarkInterval(1);
        List<String> result =
                MinuteCounts.ofJob(
                        env.fromSource(
                                source(streams, selector),
                                WatermarkStrategy.<KinesisVideoFragment>forMonotonousTimestamps(),
                                "kvs"));

        assertThat(result).noneMatch(s -> s.startsWith("late"));
        assertThat(result)
                .containsExactlyInAnyOrderElementsOf(
                        MinuteCounts.expected(groundTruth(streams, selector), selector));
    }

    @Test
    void readsExactlyUnderTheServiceQuotaWithInjectedServerErrors() throws Exception {
        EMULATOR.emulator()
                .faults()
                .tpsPerStream(5)
                .http503Fraction(0.2)
                .onlyFor(Operation.LIST_FRAGMENTS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);

        List<KinesisVideoFragment> result = new ArrayList<>();
        // Fewer, fuller pages than elsewhere: 5 calls per second and stream is slow.
        env.fromSource(
                        source(streams, FragmentSelectorType.SERVER_TIMESTAMP, 600, 500, 4.0),
                        WatermarkStrategy.noWatermarks(),
                        "kvs")
                .executeAndCollect()
                .forEachRemaining(result::add);

        // How often the quota bites depends on timing (on a busy machine, perhaps never); the
        // injected errors are certain: one call in five, over dozens of calls.
        assertThat(EMULATOR.emulator().counters().faulted()).isPositive();
        assertThat(result)
                .containsExactlyInAnyOrderElementsOf(
                        groundTruth(streams, FragmentSelectorType.SERVER_TIMESTAMP));
    }

    // ------------------------------------------------------------------------

    /** Small windows of small pages: many windows and many calls per stream. */
    private static KinesisVideoFragmentSource source(
            List<String> streams, FragmentSelectorType selector) {
        return source(streams, selector, END);
    }

    private static KinesisVideoFragmentSource source(
            List<String> streams, FragmentSelectorType selector, Instant end) {
        // The emulator has no quota here: these tests are about exactness, not pacing.
        return source(streams, selector, 120, 100, UNPACED_BUDGET, end);
    }

    private static KinesisVideoFragmentSource source(
            List<String> streams,
            FragmentSelectorType selector,
            int targetFragments,
            int maxResults,
            double budget) {
        return source(streams, selector, targetFragments, maxResults, budget, END);
    }

    private static KinesisVideoFragmentSource source(
            List<String> streams,
            FragmentSelectorType selector,
            int targetFragments,
            int maxResults,
            double budget,
            Instant end) {
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET, budget);
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofMinutes(2));
        options.set(KinesisVideoSourceOptions.WINDOW_MAX_SIZE, Duration.ofMinutes(30));
        options.set(KinesisVideoSourceOptions.WINDOW_TARGET_FRAGMENTS, targetFragments);
        options.set(KinesisVideoSourceOptions.LIST_FRAGMENTS_MAX_RESULTS, maxResults);
        options.set(KinesisVideoSourceOptions.STREAM_MAX_CONCURRENT_WINDOWS, 2);
        return KinesisVideoFragmentSource.builder()
                .streams(streams)
                .selector(selector)
                .range(START, end)
                .awsOptions(EmulatorAwsOptions.of(EMULATOR.emulator()))
                .sourceOptions(options)
                .build();
    }

    /** What the emulator holds in {@code [START, END)}, as the source must emit it. */
    private static List<KinesisVideoFragment> groundTruth(
            List<String> streams, FragmentSelectorType selector) {
        return GroundTruth.of(EMULATOR.emulator(), streams, selector, START, END);
    }

    private static void pipeline(StreamExecutionEnvironment env, int sleepMillisPerRecord) {
        pipeline(env, sleepMillisPerRecord, END);
    }

    private static void pipeline(
            StreamExecutionEnvironment env, int sleepMillisPerRecord, Instant end) {
        env.fromSource(
                        source(streams, FragmentSelectorType.SERVER_TIMESTAMP, end),
                        WatermarkStrategy.noWatermarks(),
                        "kvs")
                .uid("kvs-source")
                .map(new RecordingMap(sleepMillisPerRecord))
                .uid("recording-map")
                .sinkTo(new DiscardingSink<>());
    }

    /** Throws once, on the first record after a checkpoint completed and enough records passed. */
    private static final class FailOnceAfterCheckpoint
            implements MapFunction<KinesisVideoFragment, KinesisVideoFragment>, CheckpointListener {
        static volatile boolean FAILED;
        static volatile boolean CHECKPOINTED;
        static final AtomicInteger RECORDS = new AtomicInteger();
        static volatile int failAfterRecords;

        static void reset(int records) {
            failAfterRecords = records;
            FAILED = false;
            CHECKPOINTED = false;
            RECORDS.set(0);
        }

        @Override
        public KinesisVideoFragment map(KinesisVideoFragment fragment) throws Exception {
            if (!FAILED) {
                Thread.sleep(1);
                if (RECORDS.incrementAndGet() >= failAfterRecords && CHECKPOINTED) {
                    FAILED = true;
                    throw new IllegalStateException("Failing once on purpose");
                }
            }
            return fragment;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED = true;
        }
    }

    /** Records every fragment it sees, slowly when asked, so a savepoint lands mid-job. */
    private static final class RecordingMap
            implements MapFunction<KinesisVideoFragment, KinesisVideoFragment> {
        static final Queue<KinesisVideoFragment> SEEN = new ConcurrentLinkedQueue<>();
        private final int sleepMillis;

        RecordingMap(int sleepMillis) {
            this.sleepMillis = sleepMillis;
        }

        static void reset() {
            SEEN.clear();
        }

        @Override
        public KinesisVideoFragment map(KinesisVideoFragment fragment) throws Exception {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            SEEN.add(fragment);
            return fragment;
        }
    }

    /** Waits until {@code count} records were seen, failing at once if the job ended before. */
    private static void awaitRecords(JobClient job, int count) throws Exception {
        while (RecordingMap.SEEN.size() < count) {
            assertThat(job.getJobStatus().get().isGloballyTerminalState())
                    .as("the job ended before %d records were seen", count)
                    .isFalse();
            Thread.sleep(10);
        }
    }
}
