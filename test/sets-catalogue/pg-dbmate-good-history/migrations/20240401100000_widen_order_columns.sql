-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

-- Both changes are binary-coercible: no rewrite, no scan.
ALTER TABLE orders
    ALTER COLUMN total TYPE numeric(14, 2),
    ALTER COLUMN client_network TYPE inet;
