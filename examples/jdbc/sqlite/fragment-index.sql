-- The fragment index in SQLite: what `--jdbc-url jdbc:sqlite:FILE` writes into. The job runs these
-- statements before it starts (each is idempotent); by hand: sqlite3 FILE < fragment-index.sql
--
-- One row per fragment, keyed by (stream, fragment number): the job upserts, so a rerun, a restart
-- or a resumed savepoint rewrites rows instead of adding them. Columns carry the API's field names.
-- FragmentNumber is text: up to 128 decimal digits, more than INTEGER or a JSON number holds.
-- SQLite has no timestamp type: timestamps are ISO-8601 UTC text with milliseconds, as in the JSON
-- Lines output (2026-01-01T00:00:01.123Z), which sorts and compares as time does and which
-- SQLite's date functions read.
-- Write-ahead logging: readers (the covering query, the summary) go on while the job writes, and a
-- commit costs one append instead of a rollback journal's create, sync and delete. The mode stays
-- with the file.
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS fragment_index (
    StreamName                   TEXT    NOT NULL,
    FragmentNumber               TEXT    NOT NULL,
    StreamARN                    TEXT,
    FragmentSizeInBytes          INTEGER NOT NULL,
    ProducerTimestamp            TEXT    NOT NULL,
    ServerTimestamp              TEXT    NOT NULL,
    FragmentLengthInMilliseconds INTEGER NOT NULL,
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
