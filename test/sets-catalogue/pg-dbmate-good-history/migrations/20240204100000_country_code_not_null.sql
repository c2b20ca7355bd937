-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

-- The validated CHECK (country_code IS NOT NULL) lets PostgreSQL 12+ skip the full scan.
ALTER TABLE accounts ALTER COLUMN country_code SET NOT NULL;
