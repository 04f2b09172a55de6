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

package dev.kvsflink.examples.sql;

import org.apache.flink.types.Row;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.examples.fragmentindex.IndexSummary;
import dev.kvsflink.examples.testutils.SqlScript;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/sql/coverage-gaps.sql}, run against the emulator, gives exactly the gaps that the
 * fragment-index summary (and so the silence alerts' rule) finds in the emulator's ground truth.
 */
class CoverageGapsSqlITCase {
    private static final Path SCRIPT = Path.of("sql", "coverage-gaps.sql");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(3));

    /** The script's gap threshold. */
    private static final Duration THRESHOLD = Duration.ofSeconds(60);

    @Test
    void theQueryFindsExactlyTheGapsOfTheFragmentIndexSummary() throws Exception {
        try (KinesisVideoEmulator emulator =
                KinesisVideoEmulator.builder().seed(23).tpsPerStream(0).build().start()) {
            // Outages of one interval up to 10 minutes: some shorter than the threshold.
            emulator.addSyntheticStream("cam-a", camera(41, Duration.ofSeconds(2), 5_400, 6));
            emulator.addSyntheticStream("cam-b", camera(42, Duration.ofSeconds(7), 1_550, 4));
            SqlScript script =
                    SqlScript.read(
                            SCRIPT,
                            Map.of(
                                    "STREAMS", "cam-a;cam-b",
                                    "REGION", emulator.region(),
                                    "START", START.toString(),
                                    "END", END.toString(),
                                    "ENDPOINT", emulator.controlPlaneEndpoint().toString(),
                                    "ACCESS_KEY", emulator.accessKey(),
                                    "SECRET_KEY", emulator.secretKey()));

            List<String> rows = script.run().stream().map(CoverageGapsSqlITCase::line).toList();

            List<String> expected = summaryGaps(emulator, List.of("cam-a", "cam-b"));
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
            // Not vacuous: gaps of both cameras.
            assertThat(rows).anyMatch(r -> r.startsWith("cam-a|"));
            assertThat(rows).anyMatch(r -> r.startsWith("cam-b|"));
        }
    }

    /** The gaps that the fragment-index summary prints for the cameras' fragments in the range. */
    private static List<String> summaryGaps(KinesisVideoEmulator emulator, List<String> cameras) {
        List<IndexSummary.Entry> entries = new ArrayList<>();
        for (String camera : cameras) {
            for (EmulatedFragment f :
                    emulator.groundTruth(
                            camera, SelectorType.SERVER_TIMESTAMP, START, END.minusMillis(1))) {
                entries.add(
                        new IndexSummary.Entry(
                                camera,
                                f.serverTimestamp(),
                                f.fragmentSizeInBytes(),
                                f.fragmentLengthInMilliseconds()));
            }
        }
        List<String> gaps = new ArrayList<>();
        IndexSummary.of(entries, THRESHOLD)
                .streams()
                .forEach(
                        (camera, summary) ->
                                summary.gaps()
                                        .forEach(
                                                g ->
                                                        gaps.add(
                                                                camera + "|" + g.from() + "|"
                                                                        + g.to())));
        return gaps;
    }

    private static String line(Row row) {
        return String.join(
                "|",
                (String) row.getField("camera"),
                row.getFieldAs("silent_since").toString(),
                row.getFieldAs("resumed_at").toString());
    }

    private static SyntheticStreamSpec camera(
            long seed, Duration interval, long fragments, int outages) {
        return SyntheticStreamSpec.builder()
                .seed(seed)
                .start(START)
                .interval(interval)
                .fragments(fragments)
                .outages(outages)
                .outageLength(Duration.ofMinutes(10))
                .build();
    }
}
