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

import dev.kvsflink.examples.testutils.SqlFileQuery;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The fragment index in SQLite, the demo's embedded database ({@code jdbc:sqlite:FILE}). */
class FragmentIndexSqliteITCase extends FragmentIndexJdbcITCaseBase {
    private Path dir;

    @Override
    void startDatabase() throws Exception {
        dir = Files.createTempDirectory("kvs-sqlite-");
    }

    @Override
    List<String> newDatabase(String name) {
        return List.of("--jdbc-url", "jdbc:sqlite:" + dir.resolve(name + ".db"));
    }

    @Override
    Path scripts() {
        return Path.of("jdbc/sqlite");
    }

    @Override
    void stopDatabase() throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theCoveringQuerySearchesTheIndexesInsteadOfScanningTheTable() throws Exception {
        SqlFileQuery query = SqlFileQuery.read(scripts().resolve("fragments-covering.sql"));
        try (Connection c = FragmentIndexTable.connect(written)) {
            List<String> plan =
                    query.column(
                            c,
                            "EXPLAIN QUERY PLAN ",
                            Map.of(
                                    "stream", "lobby",
                                    "t1", START.toString(),
                                    "t2", START.plusSeconds(60).toString()),
                            "detail");

            assertThat(plan)
                    .anySatisfy(
                            step ->
                                    assertThat(step)
                                            .contains("fragment_index_by_server_time")
                                            .contains("ServerTimestamp>? AND ServerTimestamp<?"))
                    .anySatisfy(step -> assertThat(step).contains("fragment_index_by_length"))
                    .noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
        }
    }
}
