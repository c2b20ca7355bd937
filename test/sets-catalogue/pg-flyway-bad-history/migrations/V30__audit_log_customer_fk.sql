SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE audit_log ADD CONSTRAINT audit_log_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);
