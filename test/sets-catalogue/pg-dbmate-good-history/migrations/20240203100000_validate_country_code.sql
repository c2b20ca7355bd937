-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '10min';

ALTER TABLE accounts VALIDATE CONSTRAINT accounts_country_code_not_null;
