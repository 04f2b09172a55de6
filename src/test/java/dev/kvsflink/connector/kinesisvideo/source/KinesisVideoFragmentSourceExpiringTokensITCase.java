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
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
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
 * A job reads a stream exactly although every NextToken expires before the reader may use it: the
 * tokens live 50 ms, and calls to one stream are paced at least 250 ms apart (the default budget of
 * 4 calls per second), so no window of more than one page can be listed page after page.
 */
class KinesisVideoFragmentSourceExpiringTokensITCase {

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
            EmulatorExtension.create(
                    builder -> builder.seed(5).tpsPerStream(5).tokenTtl(Duration.ofMillis(50)));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));

    @Test
    void aStreamWhoseTokensExpireBeforeEveryWindowsSecondPageIsReadExactly() throws Exception {
        String stream =
                EMULATOR.emulator()
                        .addSyntheticStream(
                                "short-tokens",
                                SyntheticStreamSpec.builder()
                                        .seed(3)
                                        .fragments(1_500)
                                        .start(START)
                                        .interval(Duration.ofMillis(2_000))
                                        .jitter(Duration.ofMillis(10))
                                        .build());
        Configuration options = new Configuration();
        // Windows of ~400 fragments in pages of up to 100: every window needs tokens.
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofMinutes(15));
        options.set(KinesisVideoSourceOptions.WINDOW_TARGET_FRAGMENTS, 400);
        options.set(KinesisVideoSourceOptions.LIST_FRAGMENTS_MAX_RESULTS, 100);
        options.set(KinesisVideoSourceOptions.STREAM_MAX_CONCURRENT_WINDOWS, PARALLELISM);

        List<KinesisVideoFragment> result = run(stream, options);

        assertThat(result)
                .containsExactlyInAnyOrderElementsOf(
                        GroundTruth.of(
                                EMULATOR.emulator(),
                                List.of(stream),
                                FragmentSelectorType.SERVER_TIMESTAMP,
                                START,
                                END));
        // The premise: tokens were issued and the service rejected them.
        assertThat(EMULATOR.emulator().counters().errors("InvalidArgumentException")).isPositive();
    }

    private static List<KinesisVideoFragment> run(String stream, Configuration options)
            throws Exception {
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(List.of(stream))
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
}
