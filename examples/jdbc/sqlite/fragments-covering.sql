-- Which fragments of camera :stream cover some instant of [:t1, :t2)? (by server timestamp)
--
--   sqlite3 fragment-index.db -cmd ".parameter set :stream front-door" \
--       -cmd ".parameter set :t1 2026-01-01T03:50:00Z" -cmd ".parameter set :t2 2026-01-01T03:52:00Z" \
--       < examples/jdbc/sqlite/fragments-covering.sql
--
-- A fragment covers [start, start + FragmentLengthInMilliseconds): it overlaps [t1, t2) when
-- start < t2 AND start + length > t1. The second condition alone cannot use an index; but a
-- fragment that ends after t1 starts after t1 minus the camera's longest fragment, so that bound
-- (one look-up in fragment_index_by_length) makes both ends of the range on
-- fragment_index_by_server_time, and the exact condition then filters the few rows in between.
-- Timestamps are text: strftime writes t1 and t2 (any form SQLite's date functions read, such as
-- 2026-01-01T03:50:00Z) in the stored form, 2026-01-01T03:50:00.000Z, so that text compares as time.
-- For the producer's clock, write ProducerTimestamp for ServerTimestamp throughout.
SELECT StreamName,
       FragmentNumber,
       ServerTimestamp,
       strftime('%Y-%m-%dT%H:%M:%fZ', ServerTimestamp,
                '+' || (FragmentLengthInMilliseconds / 1000.0) || ' seconds') AS ServerEnd,
       FragmentLengthInMilliseconds,
       ProducerTimestamp,
       FragmentSizeInBytes
FROM fragment_index
WHERE StreamName = :stream
  AND ServerTimestamp < strftime('%Y-%m-%dT%H:%M:%fZ', :t2)
  AND ServerTimestamp > strftime('%Y-%m-%dT%H:%M:%fZ', :t1,
        '-' || ((SELECT max(FragmentLengthInMilliseconds)
                 FROM fragment_index
                 WHERE StreamName = :stream) / 1000.0) || ' seconds')
  AND strftime('%Y-%m-%dT%H:%M:%fZ', ServerTimestamp,
               '+' || (FragmentLengthInMilliseconds / 1000.0) || ' seconds')
        > strftime('%Y-%m-%dT%H:%M:%fZ', :t1)
ORDER BY ServerTimestamp, FragmentNumber;
