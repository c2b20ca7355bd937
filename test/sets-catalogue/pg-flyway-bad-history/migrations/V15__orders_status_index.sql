SET lock_timeout = '2s';
SET statement_timeout = '30s';

CREATE INDEX orders_status_idx ON orders (status);
