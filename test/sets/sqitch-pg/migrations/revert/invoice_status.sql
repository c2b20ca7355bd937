-- Revert billing:invoice_status from pg

BEGIN;

ALTER TABLE invoices DROP COLUMN currency;
ALTER TABLE invoices DROP COLUMN status;

COMMIT;
