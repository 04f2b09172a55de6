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

import dev.kvsflink.examples.testutils.PostgresServer;
import dev.kvsflink.examples.testutils.SqlFileQuery;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fragment index in PostgreSQL: a real server that the test starts on loopback (see {@link
 * PostgresServer}; without PostgreSQL's server programs the test fails, saying what to install).
 */
class FragmentIndexPostgresITCase extends FragmentIndexJdbcITCaseBase {
    private static final String PASSWORD = "s3cret-Pa55word";

    private PostgresServer server;

    @Override
    void startDatabase() throws Exception {
        server = PostgresServer.start("kvs", PASSWORD);
    }

    @Override
    List<String> newDatabase(String name) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(
                                server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return List.of(
                "--jdbc-url", server.jdbcUrl(name),
                "--jdbc-user", server.user(),
                "--jdbc-password", server.password());
    }

    @Override
    Path scripts() {
        return Path.of("jdbc/postgresql");
    }

    @Override
    void stopDatabase() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(output).contains("writing to jdbc:postgresql://").doesNotContain(PASSWORD);
    }

    @Test
    void theCoveringQuerySearchesTheIndexesInsteadOfScanningTheTable() throws Exception {
        SqlFileQuery query = SqlFileQuery.read(scripts().resolve("fragments-covering.sql"));
        try (Connection c = FragmentIndexTable.connect(written);
                Statement s = c.createStatement()) {
            s.execute("ANALYZE fragment_index");
            List<String> plan =
                    query.column(
                            c,
                            "EXPLAIN ",
                            Map.of(
                                    "stream", "lobby",
                                    "t1", START.toString(),
                                    "t2", START.plusSeconds(60).toString()),
                            "QUERY PLAN");

            assertThat(String.join("\n", plan))
                    .contains("fragment_index_by_server_time")
                    .contains("fragment_index_by_length")
                    .doesNotContain("Seq Scan");
        }
    }
}
