SET SESSION lock_wait_timeout = 5;

ALTER TABLE customers MODIFY COLUMN tier ENUM('free', 'basic', 'pro', 'enterprise') NOT NULL DEFAULT 'free';
ALTER TABLE customers MODIFY COLUMN tier ENUM('free', 'basic', 'pro', 'enterprise', 'partner') NOT NULL DEFAULT 'free';
ALTER TABLE order_events DROP PRIMARY KEY, ADD PRIMARY KEY (id, order_id);
