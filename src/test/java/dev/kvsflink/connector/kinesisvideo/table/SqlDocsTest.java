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

package dev.kvsflink.connector.kinesisvideo.table;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;

import dev.kvsflink.connector.kinesisvideo.testutils.GeneratedDocSection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/sql.md's table of options is generated from the factory's {@code ConfigOption}s: this test
 * fails when the page drifts from the code, and writes the table it expects to {@code
 * target/sql-options.md} to paste between the markers.
 */
class SqlDocsTest {

    private static final Path PAGE = Path.of("..", "docs", "sql.md");

    @Test
    void optionsTableMatchesTheFactorysOptions() throws IOException {
        GeneratedDocSection.assertMatches(
                "sql.md", SqlDocsTest.class, optionsTable(), "sql-options.md");
    }

    @Test
    void pageShowsTheConnectorIdentifier() throws IOException {
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .contains("'connector' = '" + KinesisVideoDynamicTableFactory.IDENTIFIER + "'");
    }

    /** One row per option: key, default (or "required"), description. */
    static String optionsTable() {
        KinesisVideoDynamicTableFactory factory = new KinesisVideoDynamicTableFactory();
        List<String> rows = new ArrayList<>();
        rows.add("| Key | Default | Description |");
        rows.add("|---|---|---|");
        for (ConfigOption<?> option : factory.requiredOptions()) {
            rows.add(row(option, "required"));
        }
        for (ConfigOption<?> option : factory.optionalOptions()) {
            rows.add(row(option, defaultOf(option)));
        }
        return String.join("\n", rows) + "\n";
    }

    private static String row(ConfigOption<?> option, String defaultValue) {
        String description =
                new HtmlFormatter()
                        .format(option.description())
                        .replace("|", "\\|")
                        .replace("\n", " ");
        return "| `" + option.key() + "` | " + defaultValue + " | " + description + " |";
    }

    private static String defaultOf(ConfigOption<?> option) {
        if (!option.hasDefaultValue()) {
            return "(none)";
        }
        Object value = option.defaultValue();
        return "`"
                + (value instanceof Duration
                        ? TimeUtils.formatWithHighestUnit((Duration) value)
                        : String.valueOf(value))
                + "`";
    }
}
