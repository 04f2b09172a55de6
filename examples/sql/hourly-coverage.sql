-- Hourly coverage per camera: for every camera and hour, how many fragments it recorded, how many
-- seconds they cover (the sum of FragmentLengthInMilliseconds), and its gaps: how many times, and
-- for how many seconds in all, the camera recorded nothing for longer than 10 seconds between one
-- fragment's end (start + length) and the next fragment's start.
--
-- A gap belongs to the hour of the fragment that ends it; a camera's first fragment in the range
-- ends no gap (the range's start is not a fragment's end). Fragments with the same timestamp come
-- in any order. To count shorter or longer gaps, change the two 10000s below.
--
-- Placeholders, to replace before running (e.g. with envsubst, see examples/README.md):
--   ${STREAMS}     the cameras' stream names, separated by ';' (e.g. front-door;lobby)
--   ${REGION}      their AWS region (e.g. us-east-1)
--   ${START}       the range's start, inclusive (e.g. 2026-01-01T00:00:00Z)
--   ${END}         the range's end, exclusive (e.g. 2026-01-02T00:00:00Z)
--   ${ENDPOINT}    the control-plane endpoint, e.g. the emulator's http://127.0.0.1:4566
--   ${ACCESS_KEY}  an access key id, e.g. the emulator's (it prints it)
--   ${SECRET_KEY}  its secret key
-- Against a real account, delete the 'aws.endpoint' line and the three 'aws.credentials.*' lines:
-- the connector then uses the region's endpoint and the AWS SDK's default credentials chain.
--
-- Run it with the SQL client and the connector's SQL jar:
--   ./bin/sql-client.sh --jar flink-sql-connector-kinesis-video-<version>.jar -f hourly-coverage.sql

SET 'execution.runtime-mode' = 'batch';
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE fragments (
  StreamName STRING,
  ServerTimestamp TIMESTAMP_LTZ(3),
  FragmentLengthInMilliseconds BIGINT
) WITH (
  'connector' = 'kinesis-video-fragments',
  'streams' = '${STREAMS}',
  'aws.region' = '${REGION}',
  'scan.start-timestamp' = '${START}',
  'scan.end-timestamp' = '${END}',
  'source.selector' = 'SERVER_TIMESTAMP',
  'aws.endpoint' = '${ENDPOINT}',
  'aws.credentials.provider' = 'BASIC',
  'aws.credentials.basic.accesskeyid' = '${ACCESS_KEY}',
  'aws.credentials.basic.secretkey' = '${SECRET_KEY}'
);

-- Every fragment with the hour it starts in, and its start and end in epoch milliseconds
-- (TIMESTAMPDIFF would count whole seconds only).
CREATE TEMPORARY VIEW fragment_times AS
SELECT
  StreamName,
  FLOOR(ServerTimestamp TO HOUR) AS hour_start,
  FragmentLengthInMilliseconds,
  EXTRACT(EPOCH FROM ServerTimestamp) * 1000 + EXTRACT(MILLISECOND FROM ServerTimestamp)
    AS start_ms,
  EXTRACT(EPOCH FROM ServerTimestamp) * 1000 + EXTRACT(MILLISECOND FROM ServerTimestamp)
    + FragmentLengthInMilliseconds AS end_ms
FROM fragments;

-- Every fragment with the time from the previous fragment's end to its start (NULL for a
-- camera's first fragment).
CREATE TEMPORARY VIEW fragment_gaps AS
SELECT
  StreamName,
  hour_start,
  FragmentLengthInMilliseconds,
  start_ms - LAG(end_ms) OVER (PARTITION BY StreamName ORDER BY start_ms) AS gap_ms
FROM fragment_times;

SELECT
  StreamName AS camera,
  hour_start,
  COUNT(*) AS fragments,
  CAST(SUM(FragmentLengthInMilliseconds) AS DECIMAL(20, 3)) / 1000 AS seconds_covered,
  COUNT(*) FILTER (WHERE gap_ms > 10000) AS gaps,
  CAST(COALESCE(SUM(gap_ms) FILTER (WHERE gap_ms > 10000), 0) AS DECIMAL(20, 3)) / 1000
    AS gap_seconds
FROM fragment_gaps
GROUP BY StreamName, hour_start;
