SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE customers RENAME COLUMN name TO full_name;
