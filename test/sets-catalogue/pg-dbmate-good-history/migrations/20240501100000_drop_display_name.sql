-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

-- Contract step: since release 2024.05 nothing reads or writes display_name.
-- ddlguard-ignore ban-drop-column
ALTER TABLE accounts DROP COLUMN IF EXISTS display_name;
