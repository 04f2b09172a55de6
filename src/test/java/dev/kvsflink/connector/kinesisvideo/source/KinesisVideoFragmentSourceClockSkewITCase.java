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

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSourceTailITCase.RecordingMap;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tail mode when the TaskManager's clock and the service's differ by 10 s (issue #16): with the
 * TaskManager ahead, a consistency lag that covers the skew loses nothing and one that does not
 * counts the fragments it settled too early as late (never emitting one twice or out of order);
 * with the TaskManager behind, the tail is only later. The emulator's clock is offset from the
 * JVM's, which plays the TaskManager's; live streams grow, and become listable, by the emulator's
 * clock.
 */
class KinesisVideoFragmentSourceClockSkewITCase {

    private static final Duration SKEW = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * The default lag, short of the skew: a fragment settled too early becomes listable skew + 1 s
     * visibility delay - lag = 6 s after it was settled, more than the one lag a tail used to look
     * back, within the default source.tail.late-detection.
     */
    private static final Duration SHORT_LAG =
            KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG.defaultValue();

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    /** A service whose clock is behind the TaskManager's: the TaskManager runs ahead. */
    @RegisterExtension
    static final EmulatorExtension SERVICE_BEHIND =
            EmulatorExtension.create(
                    b -> b.seed(41).clock(Clock.offset(Clock.systemUTC(), SKEW.negated())));

    /** A service whose clock is ahead of the TaskManager's: the TaskManager runs behind. */
    @RegisterExtension
    static final EmulatorExtension SERVICE_AHEAD =
            EmulatorExtension.create(b -> b.seed(42).clock(Clock.offset(Clock.systemUTC(), SKEW)));

    private static int runs;

    @BeforeEach
    void reset() {
        RecordingMap.SEEN.clear();
    }

    @Test
    void aLagCoveringATaskManagerClockAheadOfTheServiceLosesNothing() throws Exception {
        KinesisVideoEmulator service = SERVICE_BEHIND.emulator();
        List<String> streams = liveStreams(service);
        Instant start = service.clock().instant();

        JobClient job = tail(service, streams, start, SKEW.plusSeconds(2));
        Instant mustReach = service.clock().instant().plusSeconds(3);
        awaitCoverage(service, streams, start, mustReach);
        long late = lateFragments(job.getJobID());
        job.cancel().get();

        KinesisVideoFragmentSourceTailITCase.assertExactPrefixes(
                service, new ArrayList<>(RecordingMap.SEEN), streams, start, mustReach);
        assertThat(late).as("late fragments").isZero();
    }

    @Test
    void theDefaultLagShortOfATaskManagerClockAheadOfTheServiceCountsLateFragmentsButNeverReorders()
            throws Exception {
        KinesisVideoEmulator service = SERVICE_BEHIND.emulator();
        List<String> streams = liveStreams(service);
        Instant start = service.clock().instant();
        Thread.sleep(3_000); // some history, listable before the job settles time too early

        JobClient job = tail(service, streams, start, SHORT_LAG);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lateFragments(job.getJobID()) == 0) {
            assertThat(System.nanoTime()).as("late fragments counted in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        job.cancel().get();

        List<KinesisVideoFragment> seen = new ArrayList<>(RecordingMap.SEEN);
        // What is emitted is still each stream's history without a gap, up to where loss began.
        KinesisVideoFragmentSourceTailITCase.assertExactPrefixes(
                service, seen, streams, start, start.plusSeconds(1));
        for (String stream : streams) {
            List<KinesisVideoFragment> ofStream =
                    seen.stream().filter(f -> f.streamName().equals(stream)).toList();
            // Strictly increasing: in order, and none twice.
            assertThat(ofStream)
                    .as("%s in (server timestamp, fragment number) order, each once", stream)
                    .isSortedAccordingTo(ORDER)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void aTaskManagerClockBehindTheServiceOnlyDelaysTheTail() throws Exception {
        KinesisVideoEmulator service = SERVICE_AHEAD.emulator();
        List<String> streams = liveStreams(service);
        Instant start = service.clock().instant();

        JobClient job = tail(service, streams, start, Duration.ofSeconds(2));
        Instant mustReach = start.plusSeconds(3);
        awaitCoverage(service, streams, start, mustReach);
        long late = lateFragments(job.getJobID());
        job.cancel().get();

        KinesisVideoFragmentSourceTailITCase.assertExactPrefixes(
                service, new ArrayList<>(RecordingMap.SEEN), streams, start, mustReach);
        assertThat(late).as("late fragments").isZero();
    }

    // ------------------------------------------------------------------------

    private static final Comparator<KinesisVideoFragment> ORDER =
            Comparator.comparing(KinesisVideoFragment::serverTimestamp)
                    .thenComparing(f -> new BigInteger(f.fragmentNumber()));

    /** Two live streams, a fragment every 500 ms and every second, listable 1 s after. */
    private static List<String> liveStreams(KinesisVideoEmulator service) {
        int run = ++runs;
        List<String> names = new ArrayList<>();
        double[] rates = {2, 1};
        for (int i = 0; i < rates.length; i++) {
            String name = "skewed-" + run + "-" + i;
            service.addLiveStream(
                    name,
                    LiveStreamSpec.builder()
                            .seed(run * 10L + i)
                            .rate(rates[i])
                            .visibilityDelay(Duration.ofSeconds(1))
                            .build());
            names.add(name);
        }
        return names;
    }

    /** Starts a job tailing {@code streams} from {@code start} into {@link RecordingMap}. */
    private static JobClient tail(
            KinesisVideoEmulator service, List<String> streams, Instant start, Duration lag)
            throws Exception {
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG, lag);
        options.set(KinesisVideoSourceOptions.TAIL_POLL_INTERVAL, POLL);
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofSeconds(1));
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(streams)
                        .startingAt(start)
                        .awsOptions(EmulatorAwsOptions.of(service))
                        .sourceOptions(options)
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // One reader: the order in which it emits a stream's fragments is the recorded order.
        env.setParallelism(1);
        env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "kvs")
                .map(new RecordingMap())
                .sinkTo(new DiscardingSink<>());
        return env.executeAsync("tail with a skewed clock");
    }

    /**
     * Waits until the service holds every fragment before {@code mustReach} (the ground truth knows
     * only those), then until the job emitted them all.
     */
    private static void awaitCoverage(
            KinesisVideoEmulator service, List<String> streams, Instant start, Instant mustReach)
            throws InterruptedException {
        while (service.clock().instant().isBefore(mustReach)) {
            Thread.sleep(100);
        }
        KinesisVideoFragmentSourceTailITCase.awaitCoverage(service, streams, start, mustReach);
    }

    private static long lateFragments(JobID job) {
        return REPORTER
                .findMetrics(job, KinesisVideoSourceReaderMetrics.LATE_FRAGMENTS)
                .values()
                .stream()
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }
}
