SET lock_timeout = '2s';
SET statement_timeout = '10min';

ALTER TABLE reports ADD COLUMN IF NOT EXISTS reviewer text NOT NUL;
