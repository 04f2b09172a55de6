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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query shipped as a file for a database's command-line client, run over JDBC: its {@code --}
 * comment lines dropped, and each variable, psql's {@code :'name'} or SQLite's {@code :name}, bound
 * as a text parameter, as the clients substitute or bind them.
 */
public final class SqlFileQuery {
    private static final Pattern PSQL_VARIABLE = Pattern.compile(":'([A-Za-z_]\\w*)'");
    private static final Pattern SQLITE_PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)");

    private final String sql;
    private final List<String> names;

    private SqlFileQuery(String sql, List<String> names) {
        this.sql = sql;
        this.names = names;
    }

    /** Reads the one statement of {@code file}. */
    public static SqlFileQuery read(Path file) throws IOException {
        StringBuilder code = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        String text = code.toString().strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        List<String> names = new ArrayList<>();
        text = replace(PSQL_VARIABLE, text, names);
        text = replace(SQLITE_PARAMETER, text, names);
        return new SqlFileQuery(text, names);
    }

    private static String replace(Pattern pattern, String text, List<String> names) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The statement with every variable as a {@code ?}. */
    public String sql() {
        return sql;
    }

    /** Runs the query with {@code values} and returns the value of {@code column} of each row. */
    public List<String> column(Connection c, Map<String, String> values, String column)
            throws SQLException {
        return column(c, "", values, column);
    }

    /** As {@link #column}, with {@code prefix} (such as {@code EXPLAIN}) before the statement. */
    public List<String> column(
            Connection c, String prefix, Map<String, String> values, String column)
            throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(prefix + sql)) {
            for (int i = 0; i < names.size(); i++) {
                String value = values.get(names.get(i));
                if (value == null) {
                    throw new IllegalArgumentException("No value for :" + names.get(i));
                }
                q.setString(i + 1, value);
            }
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(column));
                }
            }
        }
        return result;
    }
}
