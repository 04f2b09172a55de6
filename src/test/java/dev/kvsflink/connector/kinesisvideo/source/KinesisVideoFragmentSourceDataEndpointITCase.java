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
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import dev.kvsflink.connector.kinesisvideo.testutils.GroundTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often a job calls {@code GetDataEndpoint}: once per stream and reader, however many windows
 * of the stream the reader lists and on however many fetcher threads.
 */
class KinesisVideoFragmentSourceDataEndpointITCase {

    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(builder -> builder.seed(20).tpsPerStream(0));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));

    @Test
    void eachReaderResolvesAStreamsDataEndpointAtMostOnce() throws Exception {
        int streamCount = 40;
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < streamCount; i++) {
            String name = "endpoints-" + i;
            // 60 fragments in windows of about 10: six windows per stream, spread over both
            // readers and over fetchers that come and go between them.
            EMULATOR.emulator()
                    .addSyntheticStream(
                            name,
                            SyntheticStreamSpec.builder()
                                    .seed(i)
                                    .fragments(60)
                                    .start(START)
                                    .interval(Duration.ofMinutes(1))
                                    .build());
            streams.add(name);
        }
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofMinutes(10));
        options.set(KinesisVideoSourceOptions.WINDOW_TARGET_FRAGMENTS, 10);
        // The quotas are off: this test counts calls, and need not wait for the 5 per second.
        options.set(KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET, 100.0);

        long fragments = run(streams, options);

        EmulatorCounters counters = EMULATOR.emulator().counters();
        long calls = counters.requests(Operation.GET_DATA_ENDPOINT);
        System.out.printf(
                "%d streams at parallelism %d: %d GetDataEndpoint calls, %d ListFragments calls%n",
                streamCount, PARALLELISM, calls, counters.requests(Operation.LIST_FRAGMENTS));
        assertThat(fragments)
                .isEqualTo(
                        (long)
                                GroundTruth.of(
                                                EMULATOR.emulator(),
                                                streams,
                                                FragmentSelectorType.SERVER_TIMESTAMP,
                                                START,
                                                END)
                                        .size());
        for (String stream : streams) {
            assertThat(counters.requests(Operation.GET_DATA_ENDPOINT, stream))
                    .as("GetDataEndpoint calls for %s", stream)
                    .isBetween(1L, (long) PARALLELISM);
        }
    }

    // ------------------------------------------------------------------------

    private static long run(List<String> streams, Configuration options) throws Exception {
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(streams)
                        .range(START, END)
                        .awsOptions(EmulatorAwsOptions.of(EMULATOR.emulator()))
                        .sourceOptions(options)
                        .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        long[] count = {0};
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs")
                .executeAndCollect()
                .forEachRemaining(fragment -> count[0]++);
        return count[0];
    }
}
