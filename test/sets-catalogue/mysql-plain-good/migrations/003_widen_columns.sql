SET SESSION lock_wait_timeout = 5;

-- VARCHAR(20) -> VARCHAR(60) in utf8mb4 keeps a 1-byte length prefix: in place, no copy.
ALTER TABLE accounts MODIFY COLUMN nickname VARCHAR(60) NULL, ALGORITHM=INPLACE, LOCK=NONE;
-- A value appended at the end of an ENUM is a metadata change.
ALTER TABLE accounts MODIFY COLUMN status ENUM('active', 'suspended', 'closed') NOT NULL DEFAULT 'active', ALGORITHM=INSTANT;
