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

package dev.kvsflink.examples.sensorjoin;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.examples.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sensor-join job end to end on a local MiniCluster started by the job itself (as with {@code
 * java}), against the demo's emulator through the real SDK client: its result must be exactly the
 * join computed here, offline, from the emulator's ground truth and the generated readings.
 */
class SensorJoinJobITCase {

    @TempDir Path tmp;

    @Test
    void demoJoinEqualsTheOfflineJoinOfGroundTruthAndReadings() throws Exception {
        try (SensorJoinDemo demo = SensorJoinDemo.start()) {
            Path csv = tmp.resolve("stats.csv");
            SensorJoinArgs args =
                    demo.argsFor(
                            SensorJoinArgs.parse(
                                    "--demo", "--parallelism", "2", "--output", csv.toString()));

            List<FragmentStats> stats = SensorJoinJob.run(args, demo.awsOptions(), quiet());

            List<FragmentStats> expected = offlineJoin(demo, args, SelectorType.SERVER_TIMESTAMP);
            assertThat(stats).containsExactlyInAnyOrderElementsOf(expected);
            // Not vacuous: both cameras, fragments with and without readings.
            assertThat(stats).extracting(FragmentStats::stream).contains("front-door", "lobby");
            assertThat(stats).anyMatch(s -> s.count() == 0).anyMatch(s -> s.count() > 5);
            assertThat(Files.readAllLines(csv)).hasSize(expected.size() + 1);
        }
    }

    @Test
    void producerSelectorMatchesReadingsAgainstTheProducerClock() throws Exception {
        try (SensorJoinDemo demo = SensorJoinDemo.start()) {
            SensorJoinArgs args =
                    demo.argsFor(
                            SensorJoinArgs.parse("--demo", "--selector", "PRODUCER_TIMESTAMP"));

            List<FragmentStats> stats = SensorJoinJob.run(args, demo.awsOptions(), quiet());

            assertThat(stats)
                    .containsExactlyInAnyOrderElementsOf(
                            offlineJoin(demo, args, SelectorType.PRODUCER_TIMESTAMP));
        }
    }

    @Test
    void fragmentLongerThanTheJoinBoundFailsTheJobNamingTheOption() {
        try (SensorJoinDemo demo = SensorJoinDemo.start()) {
            // The lobby's fragments are 10 s long.
            SensorJoinArgs args =
                    demo.argsFor(SensorJoinArgs.parse("--demo", "--max-fragment-length", "PT5S"));

            assertThatThrownBy(() -> SensorJoinJob.run(args, demo.awsOptions(), quiet()))
                    .satisfies(
                            e ->
                                    assertThat(Cli.reason(e))
                                            .contains("lobby")
                                            .contains("--max-fragment-length"));
        }
    }

    /**
     * The join by its definition: for every fragment of the range, the readings of its camera taken
     * in {@code [start, start + length)}.
     */
    private static List<FragmentStats> offlineJoin(
            SensorJoinDemo demo, SensorJoinArgs args, SelectorType selector) {
        List<SensorReading> readings = args.readings().all().toList();
        List<FragmentStats> expected = new ArrayList<>();
        for (String camera : SensorJoinDemo.CAMERAS) {
            List<SensorReading> own =
                    readings.stream().filter(r -> r.camera().equals(camera)).toList();
            for (EmulatedFragment f :
                    demo.emulator()
                            .groundTruth(
                                    camera,
                                    selector,
                                    SensorJoinDemo.START,
                                    SensorJoinDemo.END.minusMillis(1))) {
                long start = f.timestamp(selector).toEpochMilli();
                long end = start + f.fragmentLengthInMilliseconds();
                LongSummaryStatistics inside =
                        own.stream()
                                .filter(
                                        r ->
                                                r.timestampMillis() >= start
                                                        && r.timestampMillis() < end)
                                .mapToLong(SensorReading::deciCelsius)
                                .summaryStatistics();
                boolean any = inside.getCount() > 0;
                expected.add(
                        new FragmentStats(
                                camera,
                                f.fragmentNumber(),
                                start,
                                f.fragmentLengthInMilliseconds(),
                                inside.getCount(),
                                inside.getSum(),
                                any ? inside.getMin() : null,
                                any ? inside.getMax() : null));
            }
        }
        return expected;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
