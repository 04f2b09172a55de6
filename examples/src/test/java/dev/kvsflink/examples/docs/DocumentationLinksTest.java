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

package dev.kvsflink.examples.docs;

import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every relative link of the project's Markdown pages leads to a file that exists, so a page moved
 * or renamed breaks the build rather than a reader's click; and the concepts diagram is a
 * well-formed SVG.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("..");

    /** {@code [text](target)} or {@code ![alt](target)}; the target without its {@code #anchor}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(#[^)\\s]*)?\\)");

    @Test
    void everyRelativeLinkOfEveryPageResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.isEmpty() || target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                links++;
                if (!Files.exists(page.getParent().resolve(target))) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }

        assertThat(broken).isEmpty();
        assertThat(links).as("links checked").isGreaterThan(50);
    }

    @Test
    void theConceptsPageShowsAWellFormedDiagram() throws IOException {
        Path svg = ROOT.resolve("docs/architecture.svg");

        assertThat(Files.readString(ROOT.resolve("docs/concepts.md")))
                .contains("](architecture.svg)");
        assertThatCode(
                        () ->
                                DocumentBuilderFactory.newInstance()
                                        .newDocumentBuilder()
                                        .parse(svg.toFile()))
                .doesNotThrowAnyException();
    }

    /** README.md and every Markdown page outside build output and hidden folders. */
    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(
                            p -> {
                                String path = ROOT.relativize(p).toString();
                                return !path.contains("target/") && !path.startsWith(".");
                            })
                    .toList();
        }
    }
}
