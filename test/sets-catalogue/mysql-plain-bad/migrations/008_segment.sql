SET SESSION lock_wait_timeout = 5;

ALTER TABLE customers ADD COLUMN segment VARCHAR(32) NULL;
UPDATE customers SET segment = 'smb' WHERE id = 7;
