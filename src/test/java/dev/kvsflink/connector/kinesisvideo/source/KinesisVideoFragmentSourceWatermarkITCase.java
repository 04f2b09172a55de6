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
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.testutils.FakeClientFactory;
import dev.kvsflink.connector.kinesisvideo.testutils.MinuteCounts;
import dev.kvsflink.connector.kinesisvideo.testutils.TestDataset;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watermark guarantee in the situation that breaks a naive source: one window per stream over
 * the whole range and one window per reader at a time, so a reader emits all of cam-1 while
 * periodic watermarks fire every millisecond, releases it, and only then receives cam-2's window of
 * the same time. (Flink registers a split's output as soon as the split is added, so only this gap
 * between a release and the next assignment is exposed.) Without the watermark floor every case
 * here has late records (checked by removing it); with it, none. An in-memory {@code ListFragments}
 * keeps the timing independent of HTTP.
 */
class KinesisVideoFragmentSourceWatermarkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(40));
    private static final List<String> STREAMS = List.of("cam-1", "cam-2", "cam-3");
    private static final List<KinesisVideoFragment> DATA =
            TestDataset.generate(STREAMS, START, Duration.ofMinutes(40), 7);

    @ParameterizedTest(name = "{0}, parallelism {1}")
    @CsvSource({"SERVER_TIMESTAMP, 1", "PRODUCER_TIMESTAMP, 1", "SERVER_TIMESTAMP, 2"})
    void countsPerMinuteMatchTheGroundTruthWithNoLateRecord(
            FragmentSelectorType selector, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.getConfig().setAutoWatermarkInterval(1);
        List<String> result =
                MinuteCounts.ofJob(
                        env.fromSource(
                                        source(selector),
                                        WatermarkStrategy
                                                .<KinesisVideoFragment>forMonotonousTimestamps(),
                                        "kvs")
                                // Paces emission (chained to the source) so watermarks fire
                                // mid-window.
                                .map(new PauseEvery(20)));

        assertThat(result).noneMatch(s -> s.startsWith("late"));
        assertThat(result)
                .containsExactlyInAnyOrderElementsOf(
                        MinuteCounts.expected(
                                TestDataset.expected(DATA, selector, START, END), selector));
    }

    private static KinesisVideoFragmentSource source(FragmentSelectorType selector) {
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.between(START, END));
        options.set(KinesisVideoSourceOptions.WINDOW_MAX_SIZE, Duration.between(START, END));
        options.set(KinesisVideoSourceOptions.READER_SPLITS_IN_FLIGHT, 1);
        // The in-memory client has no quota: pacing would only make the test slow.
        options.set(KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET, 1000.0);
        return KinesisVideoFragmentSource.builder()
                .streams(STREAMS)
                .selector(selector)
                .range(START, END)
                .region("us-east-1")
                .sourceOptions(options)
                .clientFactory(FakeClientFactory.serving("watermark-it", DATA, 50))
                .build();
    }

    /** Sleeps 1 ms every {@code n} records. */
    private static final class PauseEvery
            implements MapFunction<KinesisVideoFragment, KinesisVideoFragment> {
        private final int n;
        private int seen;

        PauseEvery(int n) {
            this.n = n;
        }

        @Override
        public KinesisVideoFragment map(KinesisVideoFragment fragment) throws Exception {
            if (++seen % n == 0) {
                Thread.sleep(1);
            }
            return fragment;
        }
    }
}
