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

import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * The fragment index as a database table, {@code fragment_index}: its DDL (the scripts in {@code
 * examples/jdbc/<dialect>/}, shipped in the jar), the upsert that Flink's {@link JdbcSink} runs for
 * every fragment, and the summary read back from it.
 *
 * <p>Why at-least-once upserts and not the sink's exactly-once (XA) mode: rows are keyed by
 * (stream, fragment number) and the upsert writes the same values each time, so a fragment written
 * again after a restart or a resumed savepoint replaces its own row; the table ends up exactly as
 * with exactly-once delivery. XA would need a database that supports it (SQLite does not; in
 * PostgreSQL it needs {@code max_prepared_transactions} raised and prepared transactions that a
 * crashed job can leave holding locks), one transaction per checkpoint, and rows that become
 * visible only at checkpoints.
 */
public final class FragmentIndexTable {

    /** The table's name, in every dialect. */
    public static final String TABLE = "fragment_index";

    /** The DDL script of each dialect: {@code examples/jdbc/<dialect>/fragment-index.sql}. */
    static final String DDL_SCRIPT = "fragment-index.sql";

    /**
     * One fragment's row, inserted or, when (StreamName, FragmentNumber) is there already,
     * replaced: the same statement in PostgreSQL (9.5+) and SQLite (3.24+).
     */
    static final String UPSERT =
            "INSERT INTO "
                    + TABLE
                    + " (StreamName, FragmentNumber, StreamARN, FragmentSizeInBytes,"
                    + " ProducerTimestamp, ServerTimestamp, FragmentLengthInMilliseconds)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (StreamName, FragmentNumber) DO UPDATE SET"
                    + " StreamARN = excluded.StreamARN,"
                    + " FragmentSizeInBytes = excluded.FragmentSizeInBytes,"
                    + " ProducerTimestamp = excluded.ProducerTimestamp,"
                    + " ServerTimestamp = excluded.ServerTimestamp,"
                    + " FragmentLengthInMilliseconds = excluded.FragmentLengthInMilliseconds";

    private FragmentIndexTable() {}

    /** Creates the table and its indexes where they are missing (the dialect's DDL script). */
    public static void createIfMissing(JdbcTarget target) throws SQLException {
        try (Connection c = connect(target);
                Statement s = c.createStatement()) {
            for (String statement : statements(script(target.dialect(), DDL_SCRIPT))) {
                s.execute(statement);
            }
        }
    }

    /**
     * The sink: at-least-once delivery of idempotent upserts, in batches of up to 1000 rows sent at
     * least every second and at every checkpoint.
     */
    public static JdbcSink<KinesisVideoFragment> sink(JdbcTarget target) {
        JdbcConnectionOptions.JdbcConnectionOptionsBuilder connection =
                new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(target.url())
                        .withDriverName(target.dialect().driverClass);
        if (target.user() != null) {
            connection.withUsername(target.user());
        }
        if (target.password() != null) {
            connection.withPassword(target.password());
        }
        return JdbcSink.<KinesisVideoFragment>builder()
                .withQueryStatement(UPSERT, new RowBinder(target.dialect()))
                .withExecutionOptions(
                        JdbcExecutionOptions.builder()
                                .withBatchSize(1000)
                                .withBatchIntervalMs(1000)
                                .withMaxRetries(3)
                                .build())
                .buildAtLeastOnce(connection.build());
    }

    /**
     * The summary of what the table holds for {@code streams} with the selected timestamp in {@code
     * [start, end)} (no upper bound when {@code end} is null).
     */
    public static IndexSummary summary(
            JdbcTarget target,
            List<String> streams,
            FragmentSelectorType selector,
            Instant start,
            @Nullable Instant end,
            Duration gapThreshold)
            throws SQLException {
        String column =
                selector == FragmentSelectorType.SERVER_TIMESTAMP
                        ? "ServerTimestamp"
                        : "ProducerTimestamp";
        String sql =
                "SELECT StreamName, "
                        + column
                        + ", FragmentSizeInBytes, FragmentLengthInMilliseconds FROM "
                        + TABLE
                        + " WHERE StreamName IN ("
                        + String.join(", ", Collections.nCopies(streams.size(), "?"))
                        + ") AND "
                        + column
                        + " >= ?"
                        + (end == null ? "" : " AND " + column + " < ?");
        List<IndexSummary.Entry> entries = new ArrayList<>();
        try (Connection c = connect(target);
                PreparedStatement q = c.prepareStatement(sql)) {
            int i = 1;
            for (String stream : streams) {
                q.setString(i++, stream);
            }
            setTimestamp(target.dialect(), q, i++, start);
            if (end != null) {
                setTimestamp(target.dialect(), q, i, end);
            }
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    entries.add(
                            new IndexSummary.Entry(
                                    rows.getString(1),
                                    timestamp(target.dialect(), rows, 2),
                                    rows.getLong(3),
                                    rows.getLong(4)));
                }
            }
        }
        return IndexSummary.of(entries, gapThreshold);
    }

    /** A connection with the target's credentials. */
    public static Connection connect(JdbcTarget target) throws SQLException {
        Properties properties = new Properties();
        if (target.user() != null) {
            properties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        return DriverManager.getConnection(target.url(), properties);
    }

    /** The text of one of the dialect's scripts, from the class path. */
    static String script(JdbcTarget.Dialect dialect, String fileName) {
        String resource = dialect.script(fileName);
        try (InputStream in =
                FragmentIndexTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The statements of a script: {@code --} comments dropped, split at each {@code ;}. (The DDL
     * scripts have no string literals holding either.)
     */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            int comment = line.indexOf("--");
            code.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String s : code.toString().split(";")) {
            if (!s.isBlank()) {
                statements.add(s.strip());
            }
        }
        return statements;
    }

    /** Binds a timestamp: {@code timestamptz} in PostgreSQL, ISO-8601 text in SQLite. */
    static void setTimestamp(
            JdbcTarget.Dialect dialect, PreparedStatement statement, int index, Instant instant)
            throws SQLException {
        if (dialect == JdbcTarget.Dialect.POSTGRESQL) {
            statement.setObject(
                    index,
                    OffsetDateTime.ofInstant(instant, ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setString(index, FragmentJsonLines.format(instant));
        }
    }

    /** Reads a timestamp column written by {@link #setTimestamp}. */
    static Instant timestamp(JdbcTarget.Dialect dialect, ResultSet rows, int column)
            throws SQLException {
        if (dialect == JdbcTarget.Dialect.POSTGRESQL) {
            return rows.getObject(column, OffsetDateTime.class).toInstant();
        }
        return Instant.parse(rows.getString(column));
    }

    /** Binds one fragment to {@link #UPSERT}'s parameters. */
    static final class RowBinder implements JdbcStatementBuilder<KinesisVideoFragment> {
        private static final long serialVersionUID = 1L;

        private final JdbcTarget.Dialect dialect;

        RowBinder(JdbcTarget.Dialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public void accept(PreparedStatement statement, KinesisVideoFragment f)
                throws SQLException {
            statement.setString(1, f.streamName());
            statement.setString(2, f.fragmentNumber());
            if (f.streamArn() == null) {
                statement.setNull(3, Types.VARCHAR);
            } else {
                statement.setString(3, f.streamArn());
            }
            statement.setLong(4, f.fragmentSizeInBytes());
            setTimestamp(dialect, statement, 5, f.producerTimestamp());
            setTimestamp(dialect, statement, 6, f.serverTimestamp());
            statement.setLong(7, f.fragmentLengthInMilliseconds());
        }
    }
}
