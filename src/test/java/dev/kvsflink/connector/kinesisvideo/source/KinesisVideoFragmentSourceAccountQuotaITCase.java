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
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job starting on many streams against the account's quota of {@code GetDataEndpoint} (300 calls
 * per second at AWS, lowered here so that 100 streams reach it): the readers pace their calls to
 * their shares of {@code source.get-data-endpoint.budget-tps} and are never throttled.
 */
class KinesisVideoFragmentSourceAccountQuotaITCase {

    private static final int PARALLELISM = 2;
    private static final int ACCOUNT_QUOTA = 20;

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
                    builder -> builder.seed(15).dataEndpointTpsPerAccount(ACCOUNT_QUOTA));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aJobStartingOnManyStreamsStaysUnderTheAccountsGetDataEndpointQuota() throws Exception {
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            streams.add(EMULATOR.emulator().createStream("account-" + i).name());
        }
        Configuration options = new Configuration();
        // Below the quota, as the default (200) is below AWS's 300: calls that leave a reader
        // exactly at its share may still arrive a little closer together.
        options.set(KinesisVideoSourceOptions.GET_DATA_ENDPOINT_BUDGET, 15.0);
        // One window per stream: each stream's data endpoint is resolved by one reader.
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofHours(1));
        // Many streams listed at once by each reader, as a large job does at start-up.
        options.set(KinesisVideoSourceOptions.READER_SPLITS_IN_FLIGHT, 32);
        options.set(KinesisVideoSourceOptions.READER_FETCH_THREADS, 16);

        long fragments = run(streams, options);

        EmulatorCounters counters = EMULATOR.emulator().counters();
        System.out.printf(
                "%d empty streams, account quota %d/s: %d GetDataEndpoint calls, %d throttled%n",
                streams.size(),
                ACCOUNT_QUOTA,
                counters.requests(Operation.GET_DATA_ENDPOINT),
                counters.throttled(Operation.GET_DATA_ENDPOINT));
        assertThat(fragments).isZero();
        assertThat(counters.requests(Operation.GET_DATA_ENDPOINT))
                .isGreaterThanOrEqualTo(streams.size());
        assertThat(counters.throttled(Operation.GET_DATA_ENDPOINT)).isZero();
    }

    private static long run(List<String> streams, Configuration options) throws Exception {
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(streams)
                        .range(START, START.plus(Duration.ofHours(1)))
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
