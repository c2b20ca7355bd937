BEGIN;
SET LOCAL lock_timeout = '2s';
SET LOCAL statement_timeout = '30s';

ALTER TABLE customers ALTER COLUMN email DROP NOT NULL;

COMMIT;
