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
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatorCounters;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import dev.kvsflink.connector.kinesisvideo.testutils.FaultsUntilCounted;
import dev.kvsflink.connector.kinesisvideo.testutils.GroundTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfills against the emulator enforcing the service's quota of 5 calls per second and stream,
 * with faults: the request budget keeps throttling at (nearly) zero with four readers on one
 * stream, and server errors, closed connections, latency and a throttle storm are survived with
 * exact results.
 */
class KinesisVideoFragmentSourceResilienceITCase {

    private static final int PARALLELISM = 4;

    /** Injected 5xx answers and closed connections the faults test must see survived. */
    private static final long INJECTED_FAULTS = 8;

    /** Throttled ListFragments calls the throttle storm must see survived. */
    private static final long THROTTLED_CALLS = 6;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(builder -> builder.seed(11).tpsPerStream(5));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));

    @Test
    void fourReadersOnOneStreamAndSevenOtherStreamsStayUnderTheQuota() throws Exception {
        List<String> streams = createStreams("budget", 3_000, 7, 300);

        List<KinesisVideoFragment> result = run(streams, new Configuration());

        EmulatorCounters counters = EMULATOR.emulator().counters();
        long throttled = counters.throttled(Operation.LIST_FRAGMENTS);
        long requests = counters.requests(Operation.LIST_FRAGMENTS);
        System.out.printf(
                "Budget 4.0/s, quota 5/s, 4 readers: %d ListFragments calls, %d throttled;"
                        + " GetDataEndpoint %d calls, %d throttled%n",
                requests,
                throttled,
                counters.requests(Operation.GET_DATA_ENDPOINT),
                counters.throttled(Operation.GET_DATA_ENDPOINT));
        assertThat(result).containsExactlyInAnyOrderElementsOf(groundTruth(streams));
        // Calls never come closer than the shares allow. What remains: arrival jitter (a call
        // delayed in transit lands closer to the next one), and the moment between a new
        // window's assignment and the other readers' smaller shares taking effect. A throttled
        // call is resent at the reader's slowed pace, never by the SDK at once (which used to
        // turn one throttle into a streak: 3 to 8 of 75 calls). Observed since: 0 to 2 of about
        // 75 calls on a loaded 2-core machine; a loop without the budget has about 40 % of its
        // calls throttled (docs/benchmarks.md, the baseline).
        assertThat(throttled).isLessThanOrEqualTo(requests / 15);
    }

    @Test
    void serverErrorsClosedConnectionsAndLatencyAreSurvivedWithExactResults() throws Exception {
        List<String> streams = createStreams("faults", 1_500, 3, 300);
        KinesisVideoEmulator emulator = EMULATOR.emulator();
        emulator.faults()
                .http500Fraction(0.12)
                .http503Fraction(0.12)
                .closeConnectionFraction(0.06)
                .latency(Duration.ofMillis(30), Duration.ofMillis(50));
        List<KinesisVideoFragment> result;
        // Injected until this many happened (a third of the calls in the meantime), then a
        // healthy service with latency: the test proves its faults, whatever start-up takes.
        try (FaultsUntilCounted faults =
                FaultsUntilCounted.lift(
                                () ->
                                        emulator.faults()
                                                .http500Fraction(0)
                                                .http503Fraction(0)
                                                .closeConnectionFraction(0))
                        .once(() -> emulator.counters().faulted(), INJECTED_FAULTS)) {
            result = run(streams, new Configuration());
        }

        assertThat(emulator.counters().faulted()).isGreaterThanOrEqualTo(INJECTED_FAULTS);
        assertThat(result).containsExactlyInAnyOrderElementsOf(groundTruth(streams));
    }

    @Test
    void aThrottleStormIsSurvivedWithExactResults() throws Exception {
        List<String> streams = createStreams("storm", 1_500, 1, 300);
        KinesisVideoEmulator emulator = EMULATOR.emulator();
        EmulatorCounters counters = emulator.counters();
        emulator.faults().tpsPerStream(1);
        List<KinesisVideoFragment> result;
        // The storm lasts until this many ListFragments calls were throttled, not for a time
        // from the test's start, which the job's start-up can use up.
        try (FaultsUntilCounted storm =
                FaultsUntilCounted.lift(() -> emulator.faults().tpsPerStream(5))
                        .once(
                                () -> counters.throttled(Operation.LIST_FRAGMENTS),
                                THROTTLED_CALLS)) {
            result = run(streams, new Configuration());
        }

        System.out.printf(
                "Throttle storm: %d ListFragments calls, %d throttled;"
                        + " GetDataEndpoint %d calls, %d throttled%n",
                counters.requests(Operation.LIST_FRAGMENTS),
                counters.throttled(Operation.LIST_FRAGMENTS),
                counters.requests(Operation.GET_DATA_ENDPOINT),
                counters.throttled(Operation.GET_DATA_ENDPOINT));
        assertThat(counters.throttled(Operation.LIST_FRAGMENTS))
                .isGreaterThanOrEqualTo(THROTTLED_CALLS);
        assertThat(result).containsExactlyInAnyOrderElementsOf(groundTruth(streams));
    }

    // ------------------------------------------------------------------------

    /**
     * One busy stream of {@code busyFragments} and {@code others} streams of {@code
     * otherFragments}, all in the first hour of 2026, one fragment per second or faster.
     */
    private static List<String> createStreams(
            String prefix, int busyFragments, int others, int otherFragments) {
        KinesisVideoEmulator emulator = EMULATOR.emulator();
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= others; i++) {
            String name = prefix + "-" + i;
            int fragments = i == 0 ? busyFragments : otherFragments;
            emulator.addSyntheticStream(
                    name,
                    SyntheticStreamSpec.builder()
                            .seed(i)
                            .fragments(fragments)
                            .start(START)
                            .interval(Duration.ofMillis(3_500_000 / fragments))
                            .jitter(Duration.ofMillis(10))
                            .build());
            names.add(name);
        }
        return names;
    }

    private static List<KinesisVideoFragment> run(List<String> streams, Configuration extra)
            throws Exception {
        Configuration options = new Configuration();
        // Windows of ~250 fragments in pages of up to 100: several calls per window, several
        // windows per stream, so four readers list the busy stream at once.
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofMinutes(5));
        options.set(KinesisVideoSourceOptions.WINDOW_TARGET_FRAGMENTS, 250);
        options.set(KinesisVideoSourceOptions.LIST_FRAGMENTS_MAX_RESULTS, 100);
        options.set(KinesisVideoSourceOptions.STREAM_MAX_CONCURRENT_WINDOWS, PARALLELISM);
        options.addAll(extra);
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(streams)
                        .range(START, END)
                        .awsOptions(EmulatorAwsOptions.of(EMULATOR.emulator()))
                        .sourceOptions(options)
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        List<KinesisVideoFragment> result = new ArrayList<>();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs")
                .executeAndCollect()
                .forEachRemaining(result::add);
        return result;
    }

    private static List<KinesisVideoFragment> groundTruth(List<String> streams) {
        return GroundTruth.of(
                EMULATOR.emulator(), streams, FragmentSelectorType.SERVER_TIMESTAMP, START, END);
    }
}
