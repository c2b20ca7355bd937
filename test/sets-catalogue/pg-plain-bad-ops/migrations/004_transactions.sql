SET lock_timeout = '2s';
SET statement_timeout = '10min';

BEGIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS bookings_room_id_idx ON bookings (room_id);
COMMIT;
COMMIT;

BEGIN;
BEGIN;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS author text;
COMMIT;
