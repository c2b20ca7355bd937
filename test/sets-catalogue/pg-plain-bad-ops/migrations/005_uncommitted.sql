SET lock_timeout = '2s';
SET statement_timeout = '10min';

BEGIN;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS reviewed_at timestamptz;
