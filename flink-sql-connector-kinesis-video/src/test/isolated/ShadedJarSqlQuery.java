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

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Run by ShadedJarSqlITCase in a JVM of its own, as a single-file source program, with only
 * Flink's jars and the shaded SQL jar on the class path: creates the table from the DDL in args[0]
 * and prints the rows of the batch query in args[1], one "ROW f0 f1 ..." line each.
 */
public class ShadedJarSqlQuery {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("software.amazon.awssdk.core.SdkBytes");
            System.out.println("UNSHADED SDK ON THE CLASS PATH");
        } catch (ClassNotFoundException expected) {
            // The class path holds no unrelocated SDK: the jar must bring its own.
        }
        try {
            // In the connector's own jar, left out of the shaded one.
            Class.forName("dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator");
            System.out.println("UNSHADED CONNECTOR ON THE CLASS PATH");
        } catch (ClassNotFoundException expected) {
            // Only the shaded jar brings the connector.
        }
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.executeSql(args[0]);
        try (CloseableIterator<Row> rows = tEnv.executeSql(args[1]).collect()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                StringBuilder line = new StringBuilder("ROW");
                for (int i = 0; i < row.getArity(); i++) {
                    line.append(' ').append(row.getField(i));
                }
                System.out.println(line);
            }
        }
    }
}
