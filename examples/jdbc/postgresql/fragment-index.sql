-- The fragment index in PostgreSQL: what `--jdbc-url jdbc:postgresql:...` writes into. The job runs
-- these statements before it starts (each is idempotent), so creating the table by hand is only
-- needed where the job's user may not create tables: psql "$URL" -f fragment-index.sql
--
-- One row per fragment, keyed by (stream, fragment number): the job upserts, so a rerun, a restart
-- or a resumed savepoint rewrites rows instead of adding them. Columns carry the API's field names
-- (unquoted, so PostgreSQL folds them to lower case: query them unquoted, in any case).
-- FragmentNumber is text: up to 128 decimal digits, more than BIGINT or a JSON number holds.
CREATE TABLE IF NOT EXISTS fragment_index (
    StreamName                   TEXT        NOT NULL,
    FragmentNumber               TEXT        NOT NULL,
    StreamARN                    TEXT,
    FragmentSizeInBytes          BIGINT      NOT NULL,
    ProducerTimestamp            TIMESTAMPTZ NOT NULL,
    ServerTimestamp              TIMESTAMPTZ NOT NULL,
    FragmentLengthInMilliseconds BIGINT      NOT NULL,
    PRIMARY KEY (StreamName, FragmentNumber)
);

-- "Which fragments of camera X cover [t1, t2)?" (fragments-covering.sql) searches a range of start
-- times per camera: one index per timestamp...
CREATE INDEX IF NOT EXISTS fragment_index_by_server_time
    ON fragment_index (StreamName, ServerTimestamp);
CREATE INDEX IF NOT EXISTS fragment_index_by_producer_time
    ON fragment_index (StreamName, ProducerTimestamp);
-- ...and the camera's longest fragment, which bounds how far before t1 a covering fragment can
-- start (read from this index's last entry, not by scanning the camera's rows).
CREATE INDEX IF NOT EXISTS fragment_index_by_length
    ON fragment_index (StreamName, FragmentLengthInMilliseconds);
