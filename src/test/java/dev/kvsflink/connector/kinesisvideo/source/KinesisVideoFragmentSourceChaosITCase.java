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
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatorCounters;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.testutils.ChaosSchedule;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import dev.kvsflink.connector.kinesisvideo.testutils.ExactlyOnce;
import dev.kvsflink.connector.kinesisvideo.testutils.GroundTruth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeded chaos loop: a backfill and a tail read through the real SDK client from an emulator
 * whose NextTokens expire sooner than a window takes to list, whose pages come shuffled, short and
 * empty, and which fails 5 % of the calls (HTTP 500, 503, closed connections, throttles); the job
 * fails at record counts drawn from a seed and restarts from its checkpoints. Whatever happens, the
 * output is, per stream, exactly the emulator's ground truth: nothing missing, nothing twice.
 *
 * <p>The seed is printed; {@code -Dchaos.seed=<seed>} replays the same failure points, streams and
 * emulator draws ({@code .ci/chaos-loop.sh} runs many seeds). {@code -Dchaos.points=<n>} sets the
 * number of failures, split between the two runs (default 24); {@code -Dchaos.token-ttl-ms=<ms>}
 * the tokens' lifetime (default 1000).
 */
class KinesisVideoFragmentSourceChaosITCase {

    private static final long SEED =
            Long.getLong("chaos.seed", ThreadLocalRandom.current().nextLong());
    private static final int POINTS = Integer.getInteger("chaos.points", 24);

    private static final int PARALLELISM = 2;
    private static final int STREAMS = 3;

    /**
     * Shorter than a window's listing (several pages, whose calls come 500 ms apart with two
     * windows of a stream at 4 calls per second): a token expires whenever a throttle slows the
     * stream's calls down or a retry comes late. {@code -Dchaos.token-ttl-ms} changes it.
     */
    private static final Duration TOKEN_TTL =
            Duration.ofMillis(Long.getLong("chaos.token-ttl-ms", 1_000));

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(
                    builder ->
                            builder.seed(SEED)
                                    .tpsPerStream(5)
                                    .tokenTtl(TOKEN_TTL)
                                    .shortPageProbability(0.2)
                                    .emptyPageProbability(0.1));

    private static final Instant HISTORY = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeAll
    static void printSeed() {
        System.out.printf(
                "Chaos seed %d, %d points, tokens expire after %d ms"
                        + " (replay: -Dchaos.seed=%d -Dchaos.points=%d)%n",
                SEED, POINTS, TOKEN_TTL.toMillis(), SEED, POINTS);
    }

    @Test
    void aBackfillFailingAtSeededRecordCountsEmitsEveryFragmentOnce() throws Exception {
        Random random = new Random(SEED);
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            String name = "backfill-" + i;
            EMULATOR.emulator()
                    .addSyntheticStream(
                            name,
                            SyntheticStreamSpec.builder()
                                    .seed(random.nextLong())
                                    .fragments(300 + random.nextInt(400))
                                    .start(HISTORY)
                                    .interval(Duration.ofSeconds(3))
                                    .jitter(Duration.ofMillis(500))
                                    .producerSkew(Duration.ofSeconds(2))
                                    .tieProbability(0.05)
                                    .build());
            streams.add(name);
        }
        Instant end = HISTORY.plus(Duration.ofHours(1));
        List<KinesisVideoFragment> truth =
                GroundTruth.of(
                        EMULATOR.emulator(),
                        streams,
                        FragmentSelectorType.SERVER_TIMESTAMP,
                        HISTORY,
                        end);
        ChaosSchedule schedule =
                ChaosSchedule.register(
                        "backfill", ChaosSchedule.withinTotal(random, POINTS / 2, truth.size()));
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(streams)
                        .range(HISTORY, end)
                        .awsOptions(EmulatorAwsOptions.of(EMULATOR.emulator()))
                        .sourceOptions(windowsOfManyPages())
                        .build();
        injectFaults();
        long started = System.nanoTime();

        List<KinesisVideoFragment> emitted = new ArrayList<>();
        StreamExecutionEnvironment env = environment(schedule);
        try {
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs")
                    .map(schedule.<KinesisVideoFragment>failingMap())
                    .executeAndCollect("chaos backfill")
                    .forEachRemaining(emitted::add);
        } finally {
            report("backfill", schedule, emitted.size(), started);
        }
        assertThat(schedule.fired()).as("failures injected").isEqualTo(schedule.counts().length);
        ExactlyOnce.assertExact(EMULATOR.emulator(), emitted, streams, HISTORY, end);
    }

    @Test
    void aTailFailingAtSeededRecordCountsEmitsAGaplessPrefixOfEveryStreamOnce() throws Exception {
        Random random = new Random(~SEED);
        List<String> streams = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < STREAMS; i++) {
            String name = "tail-" + i;
            EMULATOR.emulator()
                    .addLiveStream(
                            name,
                            LiveStreamSpec.builder()
                                    .seed(random.nextLong())
                                    .rate(5 + random.nextInt(10))
                                    .visibilityDelay(Duration.ofSeconds(1))
                                    .build());
            streams.add(name);
        }
        // About one to three seconds of data between two failures.
        ChaosSchedule schedule =
                ChaosSchedule.register(
                        "tail", ChaosSchedule.uniform(random, POINTS - POINTS / 2, 60));
        Configuration options = windowsOfManyPages();
        options.set(KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG, Duration.ofSeconds(2));
        options.set(KinesisVideoSourceOptions.TAIL_POLL_INTERVAL, Duration.ofMillis(300));
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofSeconds(2));
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(streams)
                        .startingAt(start)
                        .awsOptions(EmulatorAwsOptions.of(EMULATOR.emulator()))
                        .sourceOptions(options)
                        .build();
        injectFaults();
        long started = System.nanoTime();

        List<KinesisVideoFragment> emitted = new ArrayList<>();
        Instant mustReach = null;
        StreamExecutionEnvironment env = environment(schedule);
        try (CloseableIterator<KinesisVideoFragment> results =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs")
                        .map(schedule.<KinesisVideoFragment>failingMap())
                        .executeAndCollect("chaos tail")) {
            // The collect sink hands out only what a checkpoint covered: exactly once.
            while (mustReach == null
                    || !ExactlyOnce.covers(
                            EMULATOR.emulator(), emitted, streams, start, mustReach)) {
                emitted.add(results.next());
                if (mustReach == null && schedule.fired() == schedule.counts().length) {
                    // Past the last failure, the output must still catch up with live data.
                    mustReach = Instant.now().plusSeconds(1);
                }
            }
        } finally {
            report("tail", schedule, emitted.size(), started);
        }

        ExactlyOnce.assertExactPrefixes(EMULATOR.emulator(), emitted, streams, start, mustReach);
    }

    // ------------------------------------------------------------------------

    /** Pages of up to 20 fragments: a window needs several calls, so its tokens can expire. */
    private static Configuration windowsOfManyPages() {
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofMinutes(5));
        options.set(KinesisVideoSourceOptions.WINDOW_TARGET_FRAGMENTS, 120);
        options.set(KinesisVideoSourceOptions.LIST_FRAGMENTS_MAX_RESULTS, 20);
        options.set(KinesisVideoSourceOptions.STREAM_MAX_CONCURRENT_WINDOWS, PARALLELISM);
        return options;
    }

    /** 5 % of all calls fail: 2 % HTTP 500, 1 % HTTP 503, 1 % closed, 1 % throttled. */
    private static void injectFaults() {
        EMULATOR.emulator()
                .faults()
                .http500Fraction(0.02)
                .http503Fraction(0.01)
                .closeConnectionFraction(0.01)
                .throttleFraction(0.01);
    }

    /**
     * Checkpoints every 200 ms and restarts at once, backing off a little when failures come in
     * quick succession; a job that keeps failing for other reasons than the schedule's fails the
     * test instead of looping.
     */
    private static StreamExecutionEnvironment environment(ChaosSchedule schedule) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofMillis(10));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofMillis(500));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                Duration.ofMinutes(10));
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                2 * schedule.counts().length + 10);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(200);
        return env;
    }

    private static void report(String run, ChaosSchedule schedule, int emitted, long startedNanos) {
        KinesisVideoEmulator emulator = EMULATOR.emulator();
        EmulatorCounters counters = emulator.counters();
        System.out.printf(
                "CHAOS %s seed=%d points=%d injected=%d restarts=%d emitted=%d"
                        + " listFragments=%d faulted=%d expiredTokens=%d quotaThrottled=%d"
                        + " seconds=%.1f counts=%s%n",
                run,
                SEED,
                schedule.counts().length,
                schedule.fired(),
                schedule.restarts(),
                emitted,
                counters.requests(Operation.LIST_FRAGMENTS),
                counters.faulted(),
                counters.errors("InvalidArgumentException"),
                counters.throttled(Operation.LIST_FRAGMENTS),
                (System.nanoTime() - startedNanos) / 1e9,
                Arrays.toString(schedule.counts()));
    }
}
