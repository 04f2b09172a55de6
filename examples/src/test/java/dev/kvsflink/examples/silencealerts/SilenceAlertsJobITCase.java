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

package dev.kvsflink.examples.silencealerts;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.gaps.SilenceAlert;
import dev.kvsflink.examples.fragmentindex.IndexSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The silence-alerts job with {@code --demo} writes exactly one SILENT and one RESUMED alert per
 * gap that the fragment-index summary finds in the demo cameras' fragments, and nothing else.
 */
class SilenceAlertsJobITCase {

    @Test
    void theDemoWritesAnAlertPairForEveryGapOfTheSummaryAndNothingElse(@TempDir Path output)
            throws Exception {
        int code =
                SilenceAlertsJob.commandLine()
                        .execute("--demo", "--threshold", "1 min", "--output", output.toString());

        assertThat(code).isZero();
        List<SilenceAlert> alerts = new ArrayList<>();
        for (Path file : IndexSummary.finishedFiles(output)) {
            for (String line : Files.readAllLines(file)) {
                alerts.add(AlertJsonLines.parse(line));
            }
        }
        List<SilenceAlert> expected = summaryGaps(Duration.ofMinutes(1));
        for (String camera : DemoCameras.STREAMS) {
            assertThat(alerts.stream().filter(a -> a.streamName().equals(camera)))
                    .containsExactlyElementsOf(
                            expected.stream().filter(a -> a.streamName().equals(camera)).toList());
        }
        assertThat(alerts).hasSameSizeAs(expected);
        // Not vacuous: gaps of both cameras.
        assertThat(alerts).extracting(SilenceAlert::streamName).containsAll(DemoCameras.STREAMS);
    }

    @Test
    void aThresholdBelowOneMillisecondIsABadArgumentNamingTheFlagAndValue() {
        StringWriter err = new StringWriter();
        CommandLine cli = SilenceAlertsJob.commandLine();
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("--demo", "--threshold", "0s");

        assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--threshold").contains("'0s' must be at least 1 ms");
    }

    /** The alerts the summary's gaps call for, from the demo emulator's ground truth. */
    private static List<SilenceAlert> summaryGaps(Duration threshold) {
        List<IndexSummary.Entry> entries = new ArrayList<>();
        try (DemoCameras demo = DemoCameras.start()) {
            for (String camera : DemoCameras.STREAMS) {
                List<EmulatedFragment> truth =
                        demo.emulator()
                                .groundTruth(
                                        camera,
                                        SelectorType.SERVER_TIMESTAMP,
                                        DemoCameras.START,
                                        DemoCameras.END.minusMillis(1));
                for (EmulatedFragment f : truth) {
                    entries.add(
                            new IndexSummary.Entry(
                                    camera,
                                    f.serverTimestamp(),
                                    f.fragmentSizeInBytes(),
                                    f.fragmentLengthInMilliseconds()));
                }
            }
        }
        List<SilenceAlert> alerts = new ArrayList<>();
        IndexSummary.of(entries, threshold)
                .streams()
                .forEach(
                        (camera, summary) ->
                                summary.gaps()
                                        .forEach(
                                                g -> {
                                                    alerts.add(
                                                            SilenceAlert.silent(camera, g.from()));
                                                    alerts.add(
                                                            SilenceAlert.resumed(
                                                                    camera, g.from(), g.to()));
                                                }));
        return alerts;
    }
}
