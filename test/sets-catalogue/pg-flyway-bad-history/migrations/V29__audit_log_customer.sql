SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE audit_log ADD COLUMN customer_id bigint;
