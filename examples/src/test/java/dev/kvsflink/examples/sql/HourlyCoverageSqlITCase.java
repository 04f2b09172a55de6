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
import dev.kvsflink.examples.testutils.SqlScript;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/sql/hourly-coverage.sql}, run statement by statement with a TableEnvironment
 * against the emulator (its placeholders filled in as the script says), gives exactly the hourly
 * coverage computed here from the emulator's ground truth.
 */
class HourlyCoverageSqlITCase {
    private static final Path SCRIPT = Path.of("sql", "hourly-coverage.sql");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(3));

    /** The script's gap threshold. */
    private static final long GAP_THRESHOLD_MILLIS = 10_000;

    @Test
    void hourlyCoverageEqualsTheCoverageComputedFromGroundTruth() throws Exception {
        try (KinesisVideoEmulator emulator =
                KinesisVideoEmulator.builder().seed(17).tpsPerStream(0).build().start()) {
            // Two cameras with outages (gaps) and unaligned fragment lengths.
            emulator.addSyntheticStream("cam-a", camera(31, Duration.ofSeconds(2), 5_400, 3));
            emulator.addSyntheticStream("cam-b", camera(32, Duration.ofSeconds(7), 1_550, 2));
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

            List<String> rows = script.run().stream().map(HourlyCoverageSqlITCase::line).toList();

            List<String> expected = new ArrayList<>();
            expected.addAll(offlineCoverage(emulator, "cam-a"));
            expected.addAll(offlineCoverage(emulator, "cam-b"));
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
            // Not vacuous: both cameras, every hour, and gaps.
            assertThat(rows).hasSize(6);
            assertThat(rows).anyMatch(r -> !r.split("\\|")[4].equals("0"));
        }
    }

    @Test
    void theScriptDocumentsEveryPlaceholderItUses() throws Exception {
        List<String> lines = Files.readAllLines(SCRIPT);
        String code = String.join("\n", lines.stream().filter(l -> !l.startsWith("--")).toList());
        Matcher used = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(code);
        int placeholders = 0;
        while (used.find()) {
            placeholders++;
            String documented = "--   ${" + used.group(1) + "} ";
            assertThat(lines).anyMatch(line -> line.startsWith(documented));
        }
        assertThat(placeholders).isEqualTo(7);
    }

    /**
     * Per hour of {@code camera}: fragments, seconds covered, gaps over the threshold and their
     * seconds.
     */
    private static List<String> offlineCoverage(KinesisVideoEmulator emulator, String camera) {
        List<EmulatedFragment> fragments =
                emulator.groundTruth(
                        camera, SelectorType.SERVER_TIMESTAMP, START, END.minusMillis(1));
        Map<Instant, long[]> hours = new TreeMap<>(); // fragments, covered ms, gaps, gap ms
        EmulatedFragment previous = null;
        for (EmulatedFragment f : fragments) {
            long[] hour =
                    hours.computeIfAbsent(
                            f.serverTimestamp().truncatedTo(ChronoUnit.HOURS), h -> new long[4]);
            hour[0]++;
            hour[1] += f.fragmentLengthInMilliseconds();
            if (previous != null) {
                long gap =
                        f.serverTimestamp().toEpochMilli()
                                - previous.serverTimestamp().toEpochMilli()
                                - previous.fragmentLengthInMilliseconds();
                if (gap > GAP_THRESHOLD_MILLIS) {
                    hour[2]++;
                    hour[3] += gap;
                }
            }
            previous = f;
        }
        List<String> lines = new ArrayList<>();
        hours.forEach(
                (hour, t) ->
                        lines.add(
                                String.join(
                                        "|",
                                        camera,
                                        hour.toString(),
                                        Long.toString(t[0]),
                                        seconds(BigDecimal.valueOf(t[1], 3)),
                                        Long.toString(t[2]),
                                        seconds(BigDecimal.valueOf(t[3], 3)))));
        return lines;
    }

    private static String line(Row row) {
        return String.join(
                "|",
                (String) row.getField("camera"),
                row.getFieldAs("hour_start").toString(),
                row.getField("fragments").toString(),
                seconds((BigDecimal) row.getField("seconds_covered")),
                row.getField("gaps").toString(),
                seconds((BigDecimal) row.getField("gap_seconds")));
    }

    private static String seconds(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
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
