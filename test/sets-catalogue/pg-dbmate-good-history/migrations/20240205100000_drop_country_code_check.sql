-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_country_code_not_null;
