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

package dev.kvsflink.examples.testutils;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL-client script run as the SQL client would run it, with a {@link TableEnvironment}: its
 * {@code ${NAME}} placeholders replaced, comments dropped, {@code SET} statements applied to the
 * environment's configuration, the other statements executed in order, and the rows of the last one
 * (a query) returned.
 */
public final class SqlScript {
    private static final Pattern SET = Pattern.compile("(?is)SET\\s+'([^']+)'\\s*=\\s*'([^']*)'");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private final List<String> statements;

    private SqlScript(List<String> statements) {
        this.statements = statements;
    }

    /** Reads {@code file}, replacing every placeholder; one without a value fails the test. */
    public static SqlScript read(Path file, Map<String, String> values) throws IOException {
        StringBuilder code = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            code.append(withoutComment(line)).append('\n');
        }
        Matcher m = PLACEHOLDER.matcher(code);
        StringBuilder replaced = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        m.appendTail(replaced);
        return new SqlScript(split(replaced.toString()));
    }

    /** The statements of {@code code}, split at each {@code ;} outside string literals. */
    private static List<String> split(String code) {
        List<String> statements = new ArrayList<>();
        boolean inString = false;
        int from = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\'') {
                inString = !inString;
            } else if (c == ';' && !inString) {
                statements.add(code.substring(from, i).trim());
                from = i + 1;
            }
        }
        statements.add(code.substring(from).trim());
        statements.removeIf(String::isEmpty);
        return statements;
    }

    /** The statements, without comments, in order. */
    public List<String> statements() {
        return statements;
    }

    /** Runs the script and returns the rows of its last statement. */
    public List<Row> run() throws Exception {
        Configuration settings = new Configuration();
        List<String> rest = new ArrayList<>();
        for (String statement : statements) {
            Matcher set = SET.matcher(statement);
            if (set.matches()) {
                settings.setString(set.group(1), set.group(2));
            } else {
                rest.add(statement);
            }
        }
        TableEnvironment env =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance().withConfiguration(settings).build());
        for (String statement : rest.subList(0, rest.size() - 1)) {
            env.executeSql(statement);
        }
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = env.executeSql(rest.get(rest.size() - 1)).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** The line up to a {@code --} comment that is not inside a string literal. */
    private static String withoutComment(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                inString = !inString;
            } else if (!inString
                    && c == '-'
                    && i + 1 < line.length()
                    && line.charAt(i + 1) == '-') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
