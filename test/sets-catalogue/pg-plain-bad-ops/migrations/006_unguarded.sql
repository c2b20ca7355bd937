SET lock_timeout = '2s';
SET statement_timeout = '10min';

ALTER TABLE reports ADD COLUMN summary text;
CREATE INDEX CONCURRENTLY ON reports (title);
ALTER TABLE IF EXISTS reports ADD COLUMN IF NOT EXISTS legacy_no serial;
DROP TABLE widgets;
DROP SCHEMA IF EXISTS staging CASCADE;
DROP DATABASE IF EXISTS scratch;
