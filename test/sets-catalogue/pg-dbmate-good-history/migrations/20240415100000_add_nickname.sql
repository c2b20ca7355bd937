-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

-- Expand step of the display_name -> nickname rename; the application writes both from release 2024.04.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS nickname text;

-- migrate:down
SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE accounts DROP COLUMN IF EXISTS nickname;
