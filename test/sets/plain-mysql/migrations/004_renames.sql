ALTER TABLE accounts CHANGE COLUMN email email_address VARCHAR(255) NOT NULL;
ALTER TABLE accounts CHANGE COLUMN note note MEDIUMTEXT NULL;
ALTER TABLE accounts RENAME COLUMN referrer TO referred_by;
RENAME TABLE audit_log TO audit_events;
ALTER TABLE accounts RENAME TO customer_accounts;
CREATE TABLE tmp_import (id BIGINT NOT NULL PRIMARY KEY, payload JSON);
RENAME TABLE tmp_import TO import_batches;
