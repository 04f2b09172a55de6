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

package dev.kvsflink.examples.fragmentindex;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IndexSummaryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path output;

    @Test
    void reportsAGapOnlyWhereNoFragmentCoversMoreThanTheThreshold() throws Exception {
        // 2 s fragments at 0, 2, 4 s, then nothing until 70 s (a 64 s hole), then 72 s.
        write("cam-1/fragments-0.jsonl", fragment("cam-1", "1", 0), fragment("cam-1", "2", 2));
        write("cam-1/fragments-1.jsonl", fragment("cam-1", "3", 4), fragment("cam-1", "4", 70));
        write("cam-1/fragments-2.jsonl", fragment("cam-1", "5", 72));

        IndexSummary.StreamSummary cam =
                IndexSummary.read(
                                output,
                                FragmentSelectorType.SERVER_TIMESTAMP,
                                Duration.ofMinutes(1))
                        .streams()
                        .get("cam-1");

        assertThat(cam.fragments()).isEqualTo(5);
        assertThat(cam.bytes()).isEqualTo(5 * 100);
        assertThat(cam.first()).isEqualTo(T0);
        assertThat(cam.last()).isEqualTo(T0.plusSeconds(72));
        assertThat(cam.gaps())
                .containsExactly(new IndexSummary.Gap(T0.plusSeconds(6), T0.plusSeconds(70)));
    }

    @Test
    void skipsInProgressFilesWhichFileSinkNamesWithALeadingDot() throws Exception {
        write("cam-1/fragments-0.jsonl", fragment("cam-1", "1", 0));
        write("cam-1/.fragments-1.jsonl.inprogress", fragment("cam-1", "2", 2));

        assertThat(
                        IndexSummary.read(
                                        output,
                                        FragmentSelectorType.SERVER_TIMESTAMP,
                                        Duration.ofMinutes(1))
                                .streams()
                                .get("cam-1")
                                .fragments())
                .isEqualTo(1);
    }

    private static String fragment(String stream, String number, int second) {
        return FragmentJsonLines.toJson(
                new KinesisVideoFragment(
                        stream,
                        null,
                        number,
                        100,
                        T0.plusSeconds(second),
                        T0.plusSeconds(second),
                        2000));
    }

    private void write(String file, String... lines) throws Exception {
        Path path = output.resolve(file);
        Files.createDirectories(path.getParent());
        Files.write(path, List.of(lines));
    }
}
