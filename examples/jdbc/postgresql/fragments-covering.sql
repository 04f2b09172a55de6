-- Which fragments of camera :stream cover some instant of [:t1, :t2)? (by server timestamp)
--
--   psql "$URL" -v stream=front-door -v t1=2026-01-01T03:50:00Z -v t2=2026-01-01T03:52:00Z \
--        -f examples/jdbc/postgresql/fragments-covering.sql
--
-- A fragment covers [start, start + FragmentLengthInMilliseconds): it overlaps [t1, t2) when
-- start < t2 AND start + length > t1. The second condition alone cannot use an index; but a
-- fragment that ends after t1 starts after t1 minus the camera's longest fragment, so that bound
-- (one look-up in fragment_index_by_length) makes both ends of the range on
-- fragment_index_by_server_time, and the exact condition then filters the few rows in between.
-- For the producer's clock, write ProducerTimestamp for ServerTimestamp throughout.
SELECT StreamName,
       FragmentNumber,
       ServerTimestamp,
       ServerTimestamp + FragmentLengthInMilliseconds * INTERVAL '1 millisecond' AS ServerEnd,
       FragmentLengthInMilliseconds,
       ProducerTimestamp,
       FragmentSizeInBytes
FROM fragment_index
WHERE StreamName = :'stream'
  AND ServerTimestamp < :'t2'::timestamptz
  AND ServerTimestamp > :'t1'::timestamptz
        - (SELECT max(FragmentLengthInMilliseconds)
           FROM fragment_index
           WHERE StreamName = :'stream') * INTERVAL '1 millisecond'
  AND ServerTimestamp + FragmentLengthInMilliseconds * INTERVAL '1 millisecond'
        > :'t1'::timestamptz
ORDER BY ServerTimestamp, FragmentNumber;
