ALTER TABLE customers RENAME TO clients;
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
