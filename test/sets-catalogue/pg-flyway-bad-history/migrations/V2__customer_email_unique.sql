SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
