SET lock_timeout = '2s';
SET statement_timeout = '10min';

ALTER TABLE reports SET TABLESPACE archive;
ALTER TABLE reports SET UNLOGGED;
REINDEX INDEX bookings_pkey;

BEGIN;
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);
COMMIT;
