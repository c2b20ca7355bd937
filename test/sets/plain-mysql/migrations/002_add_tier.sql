ALTER TABLE accounts ADD COLUMN tier VARCHAR(20) NOT NULL;
ALTER TABLE accounts ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'active';
ALTER TABLE accounts ADD COLUMN referrer VARCHAR(255) NULL;
ALTER TABLE accounts ADD signup_source VARCHAR(32) NOT NULL AFTER email;
CREATE INDEX idx_accounts_tier ON accounts (tier);
DROP INDEX idx_accounts_tier ON accounts;
