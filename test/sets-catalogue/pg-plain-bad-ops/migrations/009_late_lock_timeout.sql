SET statement_timeout = '10min';
ALTER TABLE reports ALTER COLUMN body SET DEFAULT '';
SET lock_timeout = '2s';
ALTER TABLE reports ALTER COLUMN title SET DEFAULT 'untitled';
