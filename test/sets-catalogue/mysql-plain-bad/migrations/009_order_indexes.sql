ALTER TABLE orders ADD INDEX idx_orders_amount (amount);
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX idx_orders_currency (currency), ALGORITHM=INPLACE, LOCK=NONE;
