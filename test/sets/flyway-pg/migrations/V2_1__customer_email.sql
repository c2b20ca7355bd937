ALTER TABLE customers ADD COLUMN email text;
CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email);
