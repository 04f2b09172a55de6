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

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the docs of {@code --jdbc-url} honest: every fragment-index command they show parses, and
 * every SQL file they name exists.
 */
class JdbcDocsTest {
    private static final Path EXAMPLES_README = Path.of("README.md");
    private static final Path ROOT_README = Path.of("../README.md");
    private static final String JOB = "java -jar examples/target/fragment-index.jar";

    @Test
    void everyJdbcCommandInTheReadmesParses() throws IOException {
        List<String> commands = new ArrayList<>();
        commands.addAll(jobCommands(Files.readString(EXAMPLES_README)));
        commands.addAll(jobCommands(Files.readString(ROOT_README)));
        List<String> jdbc = commands.stream().filter(c -> c.contains("--jdbc-url")).toList();

        assertThat(jdbc).hasSizeGreaterThanOrEqualTo(4);
        for (String command : jdbc) {
            String[] args =
                    command.substring(JOB.length())
                            .replaceAll("\"\\$[A-Z_]+\"", "secret")
                            .trim()
                            .split("\\s+");
            assertThat(FragmentIndexArgs.parse(args).jdbc).as(command).isNotNull();
        }
    }

    @Test
    void everySqlFileTheExamplesReadmeNamesExists() throws IOException {
        Matcher m =
                Pattern.compile("(?:examples/)?(jdbc/[a-z]+/[a-z-]+\\.sql)")
                        .matcher(Files.readString(EXAMPLES_README));
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }

        assertThat(named)
                .contains(
                        "jdbc/sqlite/fragment-index.sql",
                        "jdbc/sqlite/fragments-covering.sql",
                        "jdbc/postgresql/fragment-index.sql",
                        "jdbc/postgresql/fragments-covering.sql");
        assertThat(named).allSatisfy(file -> assertThat(Path.of(file)).isRegularFile());
    }

    /** The fragment-index commands of the markdown's bash blocks, continuation lines joined. */
    private static List<String> jobCommands(String markdown) {
        List<String> commands = new ArrayList<>();
        boolean inCode = false;
        StringBuilder current = null;
        for (String line : Arrays.asList(markdown.split("\n"))) {
            if (line.startsWith("```")) {
                // Only the commands to run (bash blocks), not usage blocks with placeholders.
                inCode = !inCode && line.equals("```bash");
                continue;
            }
            if (!inCode) {
                continue;
            }
            String text = line.strip();
            if (current == null && text.startsWith(JOB)) {
                current = new StringBuilder();
            }
            if (current != null) {
                boolean continues = text.endsWith("\\");
                current.append(continues ? text.substring(0, text.length() - 1) : text).append(' ');
                if (!continues) {
                    commands.add(current.toString().strip());
                    current = null;
                }
            }
        }
        return commands;
    }
}
