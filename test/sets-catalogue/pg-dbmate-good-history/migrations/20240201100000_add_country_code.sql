-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

-- Expand: nullable column, and a NOT VALID check so new rows must carry a value.
ALTER TABLE accounts
    ADD COLUMN IF NOT EXISTS country_code text,
    ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT accounts_country_code_not_null CHECK (country_code IS NOT NULL) NOT VALID;

-- migrate:down
SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE accounts
    DROP CONSTRAINT IF EXISTS accounts_country_code_not_null,
    DROP COLUMN IF EXISTS updated_at,
    DROP COLUMN IF EXISTS country_code;
