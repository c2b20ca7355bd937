SET SESSION lock_wait_timeout = 5;

ALTER TABLE customers CHANGE COLUMN email email_address VARCHAR(255) NOT NULL;
ALTER TABLE customers RENAME COLUMN visits TO visit_count;
RENAME TABLE order_events TO order_history;
ALTER TABLE orders DROP COLUMN note;
DROP TABLE order_history;
