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

package dev.kvsflink.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Flink's SQL client ({@code org.apache.flink:flink-sql-client} from Maven Central) running a
 * script against the session cluster, with a connector jar added as {@code sql-client.sh -j JAR -f
 * script.sql} does it.
 */
public final class SqlClient {

    private SqlClient() {}

    /** Writes {@code script} next to the cluster's logs and starts the client on it. */
    public static ManagedProcess run(FlinkCluster cluster, String name, Path jar, String script)
            throws IOException {
        Path dir = cluster.confDir().getParent();
        Path file = dir.resolve(name + ".sql");
        Files.writeString(file, script);
        List<String> cmd = new ArrayList<>(Distribution.java());
        cmd.add("-Xmx512m");
        cmd.add(
                "-Dlog4j.configurationFile="
                        + cluster.confDir().resolve("log4j.properties").toUri());
        cmd.addAll(
                List.of(
                        "-cp",
                        Distribution.flinkLib() + "/*:" + Distribution.sqlClientLib() + "/*",
                        "org.apache.flink.table.client.SqlClient",
                        "--jar",
                        jar.toString(),
                        "--history",
                        dir.resolve(name + ".history").toString(),
                        "-f",
                        file.toString()));
        return ManagedProcess.start(
                name, cmd, cluster.env(), dir, dir.resolve("logs/" + name + ".log"));
    }
}
