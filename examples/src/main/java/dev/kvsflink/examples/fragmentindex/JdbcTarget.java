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

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@code --jdbc-url} sends the fragment index: the URL, the credentials and the SQL dialect
 * the URL names. The password is never part of {@link #toString()} nor of {@link #safeUrl()}, the
 * form printed by the job.
 */
public final class JdbcTarget implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A {@code password=...} parameter in a URL (PostgreSQL's driver accepts one). */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

    /** The SQL dialects the job writes, each with its driver and the URL prefix that names it. */
    public enum Dialect {
        POSTGRESQL("jdbc:postgresql:", "org.postgresql.Driver", "postgresql"),
        SQLITE("jdbc:sqlite:", "org.sqlite.JDBC", "sqlite");

        final String urlPrefix;
        final String driverClass;

        /**
         * The directory of its scripts: examples/jdbc/NAME in the sources, jdbc/NAME in the jar.
         */
        final String scriptDir;

        Dialect(String urlPrefix, String driverClass, String scriptDir) {
            this.urlPrefix = urlPrefix;
            this.driverClass = driverClass;
            this.scriptDir = scriptDir;
        }

        /** The class-path resource of one of this dialect's SQL scripts. */
        String script(String fileName) {
            return "jdbc/" + scriptDir + "/" + fileName;
        }
    }

    private final String url;
    @Nullable private final String user;
    @Nullable private final String password;
    private final Dialect dialect;

    private JdbcTarget(
            String url, @Nullable String user, @Nullable String password, Dialect dialect) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.dialect = dialect;
    }

    /**
     * The target for {@code url}.
     *
     * @throws IllegalArgumentException when the URL names no dialect the job knows
     */
    public static JdbcTarget of(String url, @Nullable String user, @Nullable String password) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (Dialect d : Dialect.values()) {
            if (lower.startsWith(d.urlPrefix) && lower.length() > d.urlPrefix.length()) {
                return new JdbcTarget(url, user, password, d);
            }
        }
        throw new IllegalArgumentException(
                "--jdbc-url '"
                        + redact(url)
                        + "' is not a PostgreSQL or SQLite JDBC URL such as"
                        + " jdbc:postgresql://127.0.0.1:5432/kvs or jdbc:sqlite:fragment-index.db");
    }

    public String url() {
        return url;
    }

    @Nullable
    public String user() {
        return user;
    }

    @Nullable
    String password() {
        return password;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL with the value of any {@code password=} parameter replaced by {@code ***}. */
    public String safeUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JdbcTarget t
                && url.equals(t.url)
                && Objects.equals(user, t.user)
                && Objects.equals(password, t.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, user, password);
    }

    @Override
    public String toString() {
        return "JdbcTarget{"
                + safeUrl()
                + (user == null ? "" : ", user " + user)
                + (password == null ? "" : ", password ***")
                + "}";
    }
}
