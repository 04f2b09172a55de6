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

package dev.kvsflink.examples.gettingstarted;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/getting-started.md stays true: it starts with the README's two commands, and its code
 * excerpts are excerpts of the job that {@link FragmentsPerMinuteITCase} runs.
 */
class GettingStartedDocsTest {

    private static final Path PAGE = Path.of("..", "docs", "getting-started.md");
    private static final Path JOB =
            Path.of("src/main/java/dev/kvsflink/examples/gettingstarted/FragmentsPerMinute.java");
    private static final String EXCERPT_MARKER = "<!-- from FragmentsPerMinute.java -->";

    @Test
    void theReadmesTwoCommandsAreTheFirstTwoSteps() throws IOException {
        List<String> readme = codeBlocks(Files.readString(Path.of("..", "README.md"))).get(0);
        List<String> commands =
                readme.stream().map(line -> line.replaceFirst("\\s+#.*$", "").strip()).toList();
        List<List<String>> page = codeBlocks(Files.readString(PAGE));

        assertThat(commands).hasSize(2);
        assertThat(page.get(0)).containsExactly(commands.get(0));
        assertThat(page).contains(List.of(commands.get(1)));
    }

    @Test
    void everyExcerptOfTheJobIsInItsSource() throws IOException {
        List<String> source = stripped(Files.readAllLines(JOB));
        String page = Files.readString(PAGE);
        List<List<String>> excerpts = new ArrayList<>();
        for (int at = page.indexOf(EXCERPT_MARKER);
                at >= 0;
                at = page.indexOf(EXCERPT_MARKER, at + 1)) {
            excerpts.add(codeBlocks(page.substring(at)).get(0));
        }

        assertThat(excerpts).hasSize(2);
        for (List<String> excerpt : excerpts) {
            assertThat(String.join("\n", source))
                    .as("FragmentsPerMinute.java contains the excerpt")
                    .contains(String.join("\n", stripped(excerpt)));
        }
    }

    /** The fenced code blocks of a Markdown text, in order, each as its lines. */
    static List<List<String>> codeBlocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                if (current == null) {
                    current = new ArrayList<>();
                } else {
                    blocks.add(current);
                    current = null;
                }
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** Lines without their indentation: an excerpt is indented less than in its class. */
    private static List<String> stripped(List<String> lines) {
        return lines.stream().map(String::strip).toList();
    }
}
