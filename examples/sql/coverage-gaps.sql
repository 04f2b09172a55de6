-- Coverage gaps per camera: every span in which a camera recorded nothing for longer than 60
-- seconds, from the end (start + length) of the latest-ending fragment before it to the start of
-- the fragment after it. These are the gaps that the fragment-index summary prints and that the
-- connector's SilenceDetector alerts (a SILENT and a RESUMED alert per gap), by the same rule.
--
-- This query reads a finished range (batch). To be alerted while a camera is silent, use the
-- SilenceDetector in a DataStream job (docs/silence-alerts.md): a query only learns of a gap when
-- the next fragment arrives. A camera's first fragment in the range ends no gap, and a silence still
-- open at the range's end is not a gap. To find shorter or longer gaps, change the 60000 below.
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
--   ./bin/sql-client.sh --jar flink-sql-connector-kinesis-video-<version>.jar -f coverage-gaps.sql

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

-- Every fragment's start and end in epoch milliseconds.
CREATE TEMPORARY VIEW fragment_times AS
SELECT
  StreamName,
  EXTRACT(EPOCH FROM ServerTimestamp) * 1000 + EXTRACT(MILLISECOND FROM ServerTimestamp)
    AS start_ms,
  EXTRACT(EPOCH FROM ServerTimestamp) * 1000 + EXTRACT(MILLISECOND FROM ServerTimestamp)
    + FragmentLengthInMilliseconds AS end_ms
FROM fragments;

-- Every fragment with how far the camera's earlier fragments cover time: the latest end before
-- it, not just the previous fragment's (a short fragment inside a long one ends no coverage).
CREATE TEMPORARY VIEW coverage AS
SELECT
  StreamName,
  start_ms,
  MAX(end_ms) OVER (
    PARTITION BY StreamName ORDER BY start_ms
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered_until_ms
FROM fragment_times;

SELECT
  StreamName AS camera,
  TO_TIMESTAMP_LTZ(covered_until_ms, 3) AS silent_since,
  TO_TIMESTAMP_LTZ(start_ms, 3) AS resumed_at
FROM coverage
WHERE start_ms - covered_until_ms > 60000;
