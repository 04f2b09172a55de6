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
import dev.kvsflink.connector.kinesisvideo.emulator.AppendableStream;
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
 * A camera offline for days, then recording every 2 s: the window planned over the empty stretch
 * grows to days and then holds far more fragments than {@code source.window.max-fragments}; the job
 * reads it exactly, in parts (that no part holds more is {@code FragmentWindowSplitReaderTest}'s to
 * show).
 */
class KinesisVideoFragmentSourceDenseWindowITCase {

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
            EmulatorExtension.create(builder -> builder.seed(7).tpsPerStream(5));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant BACK_ONLINE = START.plus(Duration.ofDays(4));
    private static final Instant END = BACK_ONLINE.plus(Duration.ofHours(2));

    @Test
    void aWindowThatTurnsDenseAfterAGapOfDaysIsReadExactly() throws Exception {
        AppendableStream camera = EMULATOR.emulator().createStream("offline-camera");
        for (int i = 0; i < 5; i++) {
            camera.append(START.plusSeconds(2L * i));
        }
        for (int i = 0; i < 2_000; i++) {
            camera.append(BACK_ONLINE.plusSeconds(2L * i));
        }
        Configuration options = new Configuration();
        // The first hour holds 5 fragments: the planner's next window reaches over the gap and
        // holds all 2,000 dense ones, more than 6 times the bound.
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofHours(1));
        options.set(KinesisVideoSourceOptions.WINDOW_MAX_FRAGMENTS, 300);
        options.set(KinesisVideoSourceOptions.LIST_FRAGMENTS_MAX_RESULTS, 100);

        List<KinesisVideoFragment> result = run(camera.name(), options);

        assertThat(result)
                .containsExactlyInAnyOrderElementsOf(
                        GroundTruth.of(
                                EMULATOR.emulator(),
                                List.of(camera.name()),
                                FragmentSelectorType.SERVER_TIMESTAMP,
                                START,
                                END));
        // The premise: listings were given up at the bound and their time listed again in parts.
        assertThat(EMULATOR.emulator().counters().fragmentsReturned(camera.name()))
                .isGreaterThan(camera.size());
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
