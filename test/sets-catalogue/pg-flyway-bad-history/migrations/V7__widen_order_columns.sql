SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE orders ALTER COLUMN note TYPE text, ALTER COLUMN total TYPE numeric(14, 2);
