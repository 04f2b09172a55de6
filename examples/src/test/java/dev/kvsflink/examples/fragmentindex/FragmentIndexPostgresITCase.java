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

import org.apache.flink.util.ExceptionUtils;

import dev.kvsflink.examples.testutils.PostgresServer;
import dev.kvsflink.examples.testutils.SqlFileQuery;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
    void killingTheWritersConnectionsMidRunStillLeavesExactlyTheGroundTruthRows() throws Exception {
        List<String> db = newDatabase("killed");
        int total = groundTruthRows().size();
        CompletableFuture<FragmentIndexArgs> job = new CompletableFuture<>();
        Thread runner =
                new Thread(
                        () -> {
                            try {
                                job.complete(runJob(db, quiet()));
                            } catch (Throwable t) {
                                job.completeExceptionally(t);
                            }
                        });
        runner.start();
        JdbcTarget target = JdbcTarget.of(db.get(1), server.user(), server.password());
        long rowsWhenKilled;
        int killed;
        try (Connection c = FragmentIndexTable.connect(target);
                Statement s = c.createStatement()) {
            rowsWhenKilled = waitForRows(s, 1_000, job);
            // Every other session on this database is one of the sink's writers.
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT count(*) FROM ("
                                    + "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                    + " WHERE datname = 'killed' AND pid <> pg_backend_pid()) t")) {
                r.next();
                killed = r.getInt(1);
            }
        }
        FragmentIndexArgs args = job.get(5, TimeUnit.MINUTES);

        assertThat(killed).isPositive();
        assertThat(rowsWhenKilled).isLessThan(total);
        assertThat(rows(args.jdbc)).containsExactlyInAnyOrderElementsOf(groundTruthRows());
    }

    /** Polls until the table holds at least {@code atLeast} rows; fails if the job ends first. */
    private static long waitForRows(Statement s, long atLeast, CompletableFuture<?> job)
            throws Exception {
        while (true) {
            assertThat(job).as("the job ended before it had written %d rows", atLeast).isNotDone();
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM fragment_index")) {
                r.next();
                if (r.getLong(1) >= atLeast) {
                    return r.getLong(1);
                }
            } catch (SQLException tableNotYetCreated) {
                // The job creates the table before it starts.
            }
            Thread.sleep(50);
        }
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(output).contains("writing to jdbc:postgresql://").doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordFailsWithTheDatabasesMessageButNeitherPrintsNorThrowsThePassword()
            throws Exception {
        String wrong = "wR0ng-Pa55word-" + System.nanoTime();
        List<String> db = new ArrayList<>(newDatabase("wrong_password"));
        db.set(db.indexOf("--jdbc-password") + 1, wrong);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Throwable failure =
                catchThrowable(
                        () -> runJob(db, new PrintStream(printed, true, StandardCharsets.UTF_8)));

        String text =
                ExceptionUtils.stringifyException(failure)
                        + printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("password authentication failed").doesNotContain(wrong);
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
