SET SESSION lock_wait_timeout = 5;

ALTER TABLE order_events CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
