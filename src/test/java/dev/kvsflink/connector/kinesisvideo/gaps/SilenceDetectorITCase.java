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

package dev.kvsflink.connector.kinesisvideo.gaps;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStream;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SilenceDetector} on a MiniCluster behind the real source, against the emulator: every
 * outage of its streams gives exactly one SILENT and one RESUMED alert with the outage's start and
 * end, and nothing else, in a backfill, across a restore from a checkpoint, and in a tail of live
 * streams (where the SILENT alert comes while the camera is still silent).
 */
class SilenceDetectorITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(builder -> builder.seed(19).tpsPerStream(0));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    /**
     * Below the shortest outage (one interval): with no jitter and no ties the outages are the
     * streams' only spans without fragments.
     */
    private static final Duration THRESHOLD = Duration.ofMillis(500);

    private static final List<String> CAMERAS = List.of("cam-a", "cam-b");

    @BeforeAll
    static void createStreams() {
        for (int i = 0; i < CAMERAS.size(); i++) {
            EMULATOR.emulator()
                    .addSyntheticStream(
                            CAMERAS.get(i),
                            SyntheticStreamSpec.builder()
                                    .seed(40 + i)
                                    .fragments(3_600)
                                    .start(START)
                                    .interval(INTERVAL)
                                    .jitter(Duration.ZERO)
                                    .tieProbability(0)
                                    .outages(6 + i)
                                    .outageLength(Duration.ofMinutes(2))
                                    .build());
        }
    }

    @Test
    void aBackfillAlertsEveryOutageWithItsStartAndEndAndNothingElse() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);

        List<SilenceAlert> alerts = new ArrayList<>();
        SilenceDetector.detect(fragments(env), FragmentSelectorType.SERVER_TIMESTAMP, THRESHOLD)
                .executeAndCollect()
                .forEachRemaining(alerts::add);

        assertAlertsAreTheOutages(alerts);
    }

    @Test
    void aJobFailingOnceAfterACheckpointStillAlertsEveryOutageExactlyOnce() throws Exception {
        FailOnceAfterCheckpoint.reset(1_500);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(20);

        List<SilenceAlert> alerts = new ArrayList<>();
        SilenceDetector.detect(
                        fragments(env).map(new FailOnceAfterCheckpoint()),
                        FragmentSelectorType.SERVER_TIMESTAMP,
                        THRESHOLD)
                .executeAndCollect()
                .forEachRemaining(alerts::add);

        assertThat(FailOnceAfterCheckpoint.failed).isTrue();
        assertAlertsAreTheOutages(alerts);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aTailAlertsASilenceWhileItLastsAndItsEndWhenTheCameraResumes() throws Exception {
        KinesisVideoEmulator emulator = EMULATOR.emulator();
        Instant created = emulator.clock().instant();
        LiveStreamSpec fivePerSecond =
                LiveStreamSpec.builder().rate(5).visibilityDelay(Duration.ofMillis(200)).build();
        emulator.addLiveStream("live-busy", fivePerSecond);
        LiveStream paused = emulator.addLiveStream("live-paused", fivePerSecond);
        Duration threshold = Duration.ofSeconds(1);

        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG, Duration.ofMillis(700));
        options.set(KinesisVideoSourceOptions.TAIL_POLL_INTERVAL, Duration.ofMillis(200));
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofSeconds(1));
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams("live-busy", "live-paused")
                        .startingAt(created)
                        .awsOptions(EmulatorAwsOptions.of(emulator))
                        .sourceOptions(options)
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<KinesisVideoFragment> fragments =
                env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "kvs");

        List<SilenceAlert> alerts = new ArrayList<>();
        try (CloseableIterator<SilenceAlert> results =
                SilenceDetector.detect(fragments, FragmentSelectorType.SERVER_TIMESTAMP, threshold)
                        .executeAndCollect()) {
            while (paused.size() < 10) {
                Thread.sleep(20);
            }
            paused.pause();
            alerts.add(results.next());
            // The silence is reported while it lasts: the camera is still paused here.
            assertThat(alerts.get(0).kind()).isEqualTo(SilenceAlert.Kind.SILENT);
            paused.resume();
            alerts.add(results.next());
        }

        List<EmulatedFragment> truth =
                emulator.groundTruth(
                        "live-paused",
                        SelectorType.SERVER_TIMESTAMP,
                        created,
                        emulator.clock().instant());
        List<SilenceAlert> outages = outages("live-paused", truth, threshold);
        assertThat(outages).hasSize(2);
        assertThat(alerts).containsExactlyElementsOf(outages);
    }

    // ------------------------------------------------------------------------

    private static DataStream<KinesisVideoFragment> fragments(StreamExecutionEnvironment env) {
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET, 1000.0);
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofMinutes(2));
        options.set(KinesisVideoSourceOptions.WINDOW_TARGET_FRAGMENTS, 300);
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(CAMERAS)
                        .range(START, END)
                        .awsOptions(EmulatorAwsOptions.of(EMULATOR.emulator()))
                        .sourceOptions(options)
                        .build();
        return env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "kvs");
    }

    /** Both cameras' alerts, per camera in order, are exactly their outages in the range. */
    private static void assertAlertsAreTheOutages(List<SilenceAlert> alerts) {
        int outages = 0;
        for (String camera : CAMERAS) {
            List<EmulatedFragment> truth =
                    EMULATOR.emulator()
                            .groundTruth(
                                    camera,
                                    SelectorType.SERVER_TIMESTAMP,
                                    START,
                                    END.minusMillis(1));
            // The range ends inside the camera's recording, not in an outage.
            EmulatedFragment last = truth.get(truth.size() - 1);
            assertThat(last.serverTimestamp().plus(INTERVAL)).isAfterOrEqualTo(END);
            List<SilenceAlert> expected = outages(camera, truth, THRESHOLD);
            assertThat(alerts.stream().filter(a -> a.streamName().equals(camera)))
                    .containsExactlyElementsOf(expected);
            outages += expected.size() / 2;
        }
        assertThat(alerts).hasSize(2 * outages);
        assertThat(outages).as("outages in the range").isGreaterThanOrEqualTo(4);
    }

    /**
     * The alerts that {@code fragments} (one stream's, in order) call for, from the emulator's
     * shape of a stream: fragments follow one another without a hole except where the producer
     * stopped, so an outage is wherever a fragment starts later than one fragment length after the
     * previous one's start.
     */
    private static List<SilenceAlert> outages(
            String stream, List<EmulatedFragment> fragments, Duration threshold) {
        List<SilenceAlert> alerts = new ArrayList<>();
        for (int i = 1; i < fragments.size(); i++) {
            EmulatedFragment before = fragments.get(i - 1);
            Instant end =
                    before.serverTimestamp().plusMillis(before.fragmentLengthInMilliseconds());
            Instant next = fragments.get(i).serverTimestamp();
            if (next.isAfter(end)) {
                assertThat(Duration.between(end, next)).isGreaterThan(threshold);
                alerts.add(SilenceAlert.silent(stream, end));
                alerts.add(SilenceAlert.resumed(stream, end, next));
            }
        }
        return alerts;
    }

    /** Throws once, on the first fragment after a checkpoint completed and enough passed. */
    private static final class FailOnceAfterCheckpoint
            implements MapFunction<KinesisVideoFragment, KinesisVideoFragment>, CheckpointListener {
        static volatile boolean failed;
        static volatile boolean checkpointed;
        static final AtomicInteger RECORDS = new AtomicInteger();
        static volatile int failAfterRecords;

        static void reset(int afterRecords) {
            failAfterRecords = afterRecords;
            failed = false;
            checkpointed = false;
            RECORDS.set(0);
        }

        @Override
        public KinesisVideoFragment map(KinesisVideoFragment fragment) throws Exception {
            if (!failed) {
                // Slow until the failure, so that checkpoints complete in between.
                Thread.sleep(1);
                if (RECORDS.incrementAndGet() >= failAfterRecords && checkpointed) {
                    failed = true;
                    throw new IllegalStateException("Failing once on purpose");
                }
            }
            return fragment;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
