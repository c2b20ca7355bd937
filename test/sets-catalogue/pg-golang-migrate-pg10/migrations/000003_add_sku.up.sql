SET lock_timeout = '2s';
SET statement_timeout = '1min';

ALTER TABLE products ADD COLUMN sku text DEFAULT 'n/a';
